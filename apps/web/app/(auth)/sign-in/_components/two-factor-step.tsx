'use client';

import { LoaderCircle } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('auth.twoFactor');
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = mode === 'totp' ? code.replace(/\s/g, '') : code.trim();
    if (!value) {
      setError(mode === 'totp' ? t('codeRequired') : t('recoveryRequired'));
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
      title={t('title')}
      description={mode === 'totp' ? t('totpDescription') : t('recoveryDescription')}
      footer={
        <>
          <button
            type="button"
            onClick={switchMode}
            className="underline-offset-4 hover:text-foreground hover:underline"
          >
            {mode === 'totp' ? t('useRecovery') : t('useApp')}
          </button>
          <button
            type="button"
            onClick={onCancel}
            className="underline-offset-4 hover:text-foreground hover:underline"
          >
            {t('back')}
          </button>
        </>
      }
    >
      <form data-testid="two-factor-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <TextField
          key={mode}
          name="code"
          label={mode === 'totp' ? t('code') : t('recoveryCode')}
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
            {t('trustDevice')}
          </Label>
        </div>
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
