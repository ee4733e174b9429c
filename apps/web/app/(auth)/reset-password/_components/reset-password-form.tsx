'use client';

import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/components/auth/account-fields';
import { AuthCard } from '@/components/auth/auth-card';
import { TextField } from '@/components/auth/text-field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { resetPassword } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

export function ResetPasswordForm({ token, linkError }: { token: string | null; linkError: string | null }) {
  const t = useTranslations('auth.resetPassword');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const signIn = (
    <Link href="/sign-in" className="underline-offset-4 hover:text-foreground hover:underline">
      {t('back')}
    </Link>
  );

  if (!token || linkError) {
    return (
      <AuthCard title={t('invalidTitle')} description={t('invalidDescription')} footer={signIn}>
        <Button asChild>
          <Link href="/forgot-password">{t('newLink')}</Link>
        </Button>
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard title={t('doneTitle')} description={t('doneDescription')}>
        <Button asChild>
          <Link href="/sign-in">{t('signIn')}</Link>
        </Button>
      </AuthCard>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (password.length < MIN_PASSWORD_LENGTH)
      found.password = t('tooShort', { minimum: MIN_PASSWORD_LENGTH });
    if (confirmation !== password) found.confirmation = t('mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    setError(null);
    try {
      await resetPassword({ newPassword: password, token });
      setDone(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  return (
    <AuthCard title={t('title')} footer={signIn}>
      <form data-testid="reset-password-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <TextField
          name="password"
          label={t('password')}
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={t('hint', { minimum: MIN_PASSWORD_LENGTH })}
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          name="confirmation"
          label={t('confirmation')}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          error={errors.confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
