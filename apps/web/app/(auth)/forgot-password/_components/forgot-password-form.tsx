'use client';

import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
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
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setError('Enter the email address of your account.');
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
      Back to sign in
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard
        title="Check your mail"
        // The answer is the same whether the address has an account or not: nothing to learn here.
        description={`If ${sentTo} has an account, a link to set a new password is on its way. It works for one hour.`}
        footer={back}
      >
        {options.data?.mailOutbox ? <MailOutboxHint what="the reset link" /> : null}
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Reset your password"
      description="Enter the address of your account and we will mail you a link to set a new password."
      footer={back}
    >
      <form data-testid="forgot-password-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <EmailField autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          Send the link
        </Button>
      </form>
    </AuthCard>
  );
}
