'use client';

import { useQueryClient } from '@tanstack/react-query';
import { LoaderCircle, ShieldCheck, ShieldOff } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('profile.twoFactor');
  const { user } = useUserSession();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  if (!user) return null;
  const enabled = user.twoFactorEnabled;

  const refresh = () => queryClient.invalidateQueries({ queryKey: accountKeys.me });

  return (
    <Card data-testid="two-factor" data-enabled={enabled}>
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>{t('description')}</CardDescription>
        <CardAction>
          {enabled ? (
            <Badge variant="secondary" data-testid="two-factor-status">
              <ShieldCheck /> {t('on')}
            </Badge>
          ) : (
            <Badge variant="outline" data-testid="two-factor-status">
              <ShieldOff /> {t('off')}
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
              toast.success(t('turnedOn'));
              await refresh();
            }}
            onCancel={() => setEnrolment(null)}
          />
        ) : enabled ? (
          <PasswordStep
            action={t('turnOff')}
            testId="two-factor-disable"
            destructive
            description={t('turnOffDescription')}
            run={async (password) => {
              await disableTwoFactor({ password });
              toast.success(t('turnedOff'));
              await refresh();
            }}
          />
        ) : (
          <PasswordStep
            action={t('turnOn')}
            testId="two-factor-enable"
            description={t('turnOnDescription')}
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
  const t = useTranslations('profile.twoFactor');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!password) {
      setError(t('passwordRequired'));
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
      <Label htmlFor={`${testId}-password`}>{t('password')}</Label>
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
  const t = useTranslations('profile.twoFactor.enrolment');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const secret = secretOf(enrolment.totpURI);
  const codes = enrolment.backupCodes.join('\n');

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = code.replace(/\s/g, '');
    if (!/^\d{6,8}$/.test(value)) {
      setError(t('codeRequired'));
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
        <h3 className="text-sm font-medium">{t('step1')}</h3>
        <p className="text-xs text-muted-foreground">
          {t.rich('step1Description', { code: (chunks) => <code>{chunks}</code> })}
        </p>
        <div className="flex items-start gap-2">
          <code
            data-testid="totp-uri"
            className="min-w-0 flex-1 break-all rounded-md border bg-muted/40 px-2 py-1.5 font-mono text-xs"
          >
            {enrolment.totpURI}
          </code>
          <CopyButton value={enrolment.totpURI} label={t('copyLink')} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-muted-foreground">{t('secret')}</span>
          <code data-testid="totp-secret" className="font-mono text-sm tracking-wider">
            {secret}
          </code>
          <CopyButton value={secret.replace(/\s/g, '')} label={t('copyKey')} />
        </div>
      </section>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">{t('step2')}</h3>
        <p className="text-xs text-muted-foreground">{t('step2Description')}</p>
        <ul
          data-testid="backup-codes"
          className="grid max-w-md grid-cols-2 gap-1 rounded-md border bg-muted/40 p-2 font-mono text-sm"
        >
          {enrolment.backupCodes.map((backupCode) => (
            <li key={backupCode}>{backupCode}</li>
          ))}
        </ul>
        <div>
          <CopyButton value={codes} label={t('copyCodes')} />
        </div>
      </section>
      <form noValidate onSubmit={onSubmit} className="grid gap-2" data-testid="two-factor-confirm">
        <h3 className="text-sm font-medium">{t('step3')}</h3>
        <Label htmlFor="two-factor-code" className="sr-only">
          {t('code')}
        </Label>
        <div className="flex max-w-md flex-wrap gap-2">
          <Input
            id="two-factor-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="123456"
            className="min-w-32 flex-1 font-mono tracking-widest"
            value={code}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setCode(event.target.value)}
          />
          <Button type="submit" disabled={pending}>
            {pending ? <LoaderCircle className="animate-spin" /> : null}
            {t('confirm')}
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </div>
        {error ? <FormAlert>{error}</FormAlert> : null}
      </form>
    </div>
  );
}
