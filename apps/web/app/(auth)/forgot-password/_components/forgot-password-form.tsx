'use client';

import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { MailOutboxHint } from '@/components/auth/mail-outbox-hint';
import { EmailField } from '@/components/auth/text-field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { useAuthOptions } from '@/lib/api/accounts';
import { requestPasswordReset } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { looksLikeEmail } from '@/lib/utils';

export function ForgotPasswordForm() {
  const t = useTranslations('auth.forgotPassword');
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setError(t('emailRequired'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      // The mailed link goes through /api/auth/reset-password/<token>, which lands on /reset-password.
      await requestPasswordReset({ email: address, redirectTo: '/reset-password' });
      setSentTo(address);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  const back = (
    <Link href="/sign-in" className="underline-offset-4 hover:text-foreground hover:underline">
      {t('back')}
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard
        title={t('sentTitle')}
        // The answer is the same whether the address has an account or not: nothing to learn here.
        description={t('sentDescription', { email: sentTo })}
        footer={back}
      >
        {options.data?.mailOutbox ? <MailOutboxHint what="reset" /> : null}
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('title')} description={t('description')} footer={back}>
      <form data-testid="forgot-password-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <EmailField autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
