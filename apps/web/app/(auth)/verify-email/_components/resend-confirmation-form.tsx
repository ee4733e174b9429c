'use client';

import { useMutation } from '@tanstack/react-query';
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
import { sendVerificationEmail } from '@/lib/api/auth-client';
import { errorMessage, isApiError } from '@/lib/api/client';
import { signInPath, verifyEmailPath } from '@/lib/navigation';
import { looksLikeEmail } from '@/lib/utils';

/**
 * What went wrong with the link, from better-auth's `error` code. Only TOKEN_EXPIRED gets its own
 * words; INVALID_TOKEN (cut short, altered, or signed with another server's secret), USER_NOT_FOUND
 * and anything newer all mean "this link will never work".
 */
function isExpired(code: string): boolean {
  return code.toUpperCase() === 'TOKEN_EXPIRED';
}

/** The link failed: say why, and mail a new one that lands here again with the same `next`. */
export function ResendConfirmationForm({ linkError, next }: { linkError: string; next: string }) {
  const t = useTranslations('auth.verifyEmail');
  const options = useAuthOptions();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const resend = useMutation({
    mutationFn: (address: string) =>
      sendVerificationEmail({ email: address, callbackURL: verifyEmailPath(next) }),
  });
  const expired = isExpired(linkError);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!looksLikeEmail(address)) {
      setFieldError(t('emailRequired'));
      return;
    }
    setFieldError(null);
    resend.mutate(address);
  };

  const signIn = (
    <Link href={signInPath(next)} className="underline-offset-4 hover:text-foreground hover:underline">
      {t('back')}
    </Link>
  );

  if (resend.isSuccess) {
    return (
      <AuthCard
        data-testid="resend-confirmation-done"
        title={t('sentTitle')}
        // Signed out, the server answers the same for any address: nothing to learn here.
        description={t('sentDescription', { email: resend.variables })}
        footer={signIn}
      >
        {options.data?.mailOutbox ? <MailOutboxHint what="confirmation" /> : null}
      </AuthCard>
    );
  }

  // Signed in already with a confirmed address (an old link opened again): nothing to send.
  const alreadyConfirmed = isApiError(resend.error) && resend.error.code === 'EMAIL_ALREADY_VERIFIED';
  return (
    <AuthCard
      data-testid="verify-email-error"
      data-reason={expired ? 'expired' : 'invalid'}
      title={expired ? t('expiredTitle') : t('invalidTitle')}
      description={expired ? t('expiredDescription') : t('invalidDescription')}
      footer={signIn}
    >
      <form data-testid="resend-confirmation-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <EmailField
          autoFocus
          value={email}
          error={fieldError}
          onChange={(event) => setEmail(event.target.value)}
        />
        {alreadyConfirmed ? (
          <FormAlert tone="info">
            <p>{t('alreadyConfirmed')}</p>
            <a href={next} className="underline underline-offset-4">
              {t('continue')}
            </a>
          </FormAlert>
        ) : resend.isError ? (
          <FormAlert>{errorMessage(resend.error)}</FormAlert>
        ) : null}
        <Button type="submit" disabled={resend.isPending}>
          {resend.isPending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
