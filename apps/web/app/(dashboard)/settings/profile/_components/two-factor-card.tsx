'use client';

import { useQueryClient } from '@tanstack/react-query';
import { LoaderCircle, ShieldCheck, ShieldOff } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { toast } from 'sonner';
import { CopyButton } from '@/components/common/copy-button';
import { FormAlert } from '@/components/common/form-alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useUserSession } from '@/lib/api/accounts';
import {
  disableTwoFactor,
  enableTwoFactor,
  type TwoFactorEnrolment,
  verifyTotp,
} from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { accountKeys } from '@/lib/api/query-keys';

/** The base32 secret inside the otpauth URI, in groups of four, for typing into an app by hand. */
function secretOf(totpURI: string): string {
  try {
    const secret = new URL(totpURI).searchParams.get('secret') ?? '';
    return secret.replace(/(.{4})/g, '$1 ').trim();
  } catch {
    return '';
  }
}

/**
 * TOTP two-factor authentication: enrol (password → URI, secret and recovery codes → a first
 * code confirms), or turn it off (password). No QR code: the URI and the secret are shown as text.
 */
export function TwoFactorCard() {
  const { user } = useUserSession();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  if (!user) return null;
  const enabled = user.twoFactorEnabled;

  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.me });

  return (
    <Card data-testid="two-factor" data-enabled={enabled}>
      <CardHeader>
        <CardTitle>Two-factor authentication</CardTitle>
        <CardDescription>
          A code from an authenticator app (TOTP) is asked for at every sign-in, after the password.
        </CardDescription>
        <CardAction>
          {enabled ? (
            <Badge variant="secondary" data-testid="two-factor-status">
              <ShieldCheck /> On
            </Badge>
          ) : (
            <Badge variant="outline" data-testid="two-factor-status">
              <ShieldOff /> Off
            </Badge>
          )}
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        {enrolment ? (
          <Enrolment
            enrolment={enrolment}
            onConfirmed={async () => {
              setEnrolment(null);
              toast.success('Two-factor authentication is on');
              await refresh();
            }}
            onCancel={() => setEnrolment(null)}
          />
        ) : enabled ? (
          <PasswordStep
            action="Turn off"
            testId="two-factor-disable"
            destructive
            description="Turning it off leaves only the password between your account and anyone who learns it."
            run={async (password) => {
              await disableTwoFactor({ password });
              toast.success('Two-factor authentication is off');
              await refresh();
            }}
          />
        ) : (
          <PasswordStep
            action="Turn on"
            testId="two-factor-enable"
            description="Confirm your password to start. You will need an authenticator app (any TOTP app)."
            run={async (password) => setEnrolment(await enableTwoFactor({ password }))}
          />
        )}
      </CardContent>
    </Card>
  );
}

function PasswordStep({
  action,
  description,
  testId,
  destructive = false,
  run,
}: {
  action: string;
  description: string;
  testId: string;
  destructive?: boolean;
  run: (password: string) => Promise<void>;
}) {
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await run(password);
      setPassword('');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };
  return (
    <form data-testid={testId} noValidate onSubmit={onSubmit} className="grid gap-2">
      <p className="text-sm text-muted-foreground">{description}</p>
      <Label htmlFor={`${testId}-password`}>Password</Label>
      <div className="flex max-w-md gap-2">
        <Input
          id={`${testId}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {action}
        </Button>
      </div>
      {error ? <FormAlert>{error}</FormAlert> : null}
    </form>
  );
}

function Enrolment({
  enrolment,
  onConfirmed,
  onCancel,
}: {
  enrolment: TwoFactorEnrolment;
  onConfirmed: () => Promise<void>;
  onCancel: () => void;
}) {
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const secret = secretOf(enrolment.totpURI);
  const codes = enrolment.backupCodes.join('\n');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6,8}$/.test(value)) {
      setError('Enter the code your app shows.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      await verifyTotp({ code: value });
      await onConfirmed();
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(false);
    }
  };

  return (
    <div className="grid gap-5" data-testid="two-factor-enrolment">
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">1. Add Fleetwright to your authenticator app</h3>
        <p className="text-xs text-muted-foreground">
          Paste the link into an app that imports <code>otpauth://</code> links, or type the secret key.
        </p>
        <div className="flex items-start gap-2">
          <code
            data-testid="totp-uri"
            className="min-w-0 flex-1 break-all rounded-md border bg-muted/40 px-2 py-1.5 font-mono text-xs"
          >
            {enrolment.totpURI}
          </code>
          <CopyButton value={enrolment.totpURI} label="Copy link" />
        </div>
        <div className="flex items-center gap-2">
          <span className="text-xs text-muted-foreground">Secret key</span>
          <code data-testid="totp-secret" className="font-mono text-sm tracking-wider">
            {secret}
          </code>
          <CopyButton value={secret.replace(/\s/g, '')} label="Copy key" />
        </div>
      </section>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">2. Keep the recovery codes</h3>
        <p className="text-xs text-muted-foreground">
          Each one signs you in once without the app. They are shown only now: store them somewhere safe.
        </p>
        <ul
          data-testid="backup-codes"
          className="grid max-w-md grid-cols-2 gap-1 rounded-md border bg-muted/40 p-2 font-mono text-sm"
        >
          {enrolment.backupCodes.map((backupCode) => (
            <li key={backupCode}>{backupCode}</li>
          ))}
        </ul>
        <div>
          <CopyButton value={codes} label="Copy recovery codes" />
        </div>
      </section>
      <form noValidate onSubmit={onSubmit} className="grid gap-2" data-testid="two-factor-confirm">
        <h3 className="text-sm font-medium">3. Confirm with a code from the app</h3>
        <Label htmlFor="two-factor-code" className="sr-only">
          Code
        </Label>
        <div className="flex max-w-md gap-2">
          <Input
            id="two-factor-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="123456"
            className="font-mono tracking-widest"
            value={code}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setCode(event.target.value)}
          />
          <Button type="submit" disabled={pending}>
            {pending ? <LoaderCircle className="animate-spin" /> : null}
            Confirm
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
        {error ? <FormAlert>{error}</FormAlert> : null}
      </form>
    </div>
  );
}
