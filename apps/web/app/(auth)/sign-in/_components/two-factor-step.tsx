'use client';

import { LoaderCircle } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { TextField } from '@/components/auth/text-field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { verifyBackupCode, verifyTotp } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

/** The second step of a sign-in: a code from the authenticator app, or one of the recovery codes. */
export function TwoFactorStep({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = mode === 'totp' ? code.replace(/\s/g, '') : code.trim();
    if (!value) {
      setError(mode === 'totp' ? 'Enter the 6-digit code from your app.' : 'Enter a recovery code.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      if (mode === 'totp') await verifyTotp({ code: value, trustDevice });
      else await verifyBackupCode({ code: value, trustDevice });
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
      setPending(false);
    }
  };

  const switchMode = () => {
    setMode(mode === 'totp' ? 'recovery' : 'totp');
    setCode('');
    setError(null);
  };

  return (
    <AuthCard
      title="Two-factor authentication"
      description={
        mode === 'totp'
          ? 'Enter the code your authenticator app shows for Fleetwright.'
          : 'Enter one of the recovery codes you saved when you turned on two-factor authentication. Each works once.'
      }
      footer={
        <>
          <button
            type="button"
            onClick={switchMode}
            className="underline-offset-4 hover:text-foreground hover:underline"
          >
            {mode === 'totp' ? 'Use a recovery code' : 'Use the authenticator app'}
          </button>
          <button
            type="button"
            onClick={onCancel}
            className="underline-offset-4 hover:text-foreground hover:underline"
          >
            Back
          </button>
        </>
      }
    >
      <form data-testid="two-factor-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <TextField
          key={mode}
          name="code"
          label={mode === 'totp' ? 'Code' : 'Recovery code'}
          inputMode={mode === 'totp' ? 'numeric' : 'text'}
          autoComplete="one-time-code"
          autoFocus
          value={code}
          onChange={(event) => setCode(event.target.value)}
          className="font-mono tracking-widest"
        />
        <div className="flex items-center gap-2">
          <Checkbox
            id="trustDevice"
            checked={trustDevice}
            onCheckedChange={(value) => setTrustDevice(value === true)}
          />
          <Label htmlFor="trustDevice" className="font-normal">
            Trust this browser for 30 days
          </Label>
        </div>
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          Verify
        </Button>
      </form>
    </AuthCard>
  );
}
