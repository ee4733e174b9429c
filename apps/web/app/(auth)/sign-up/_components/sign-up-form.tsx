'use client';

import { LoaderCircle, MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AccountFieldInputs, useAccountFields } from '@/components/auth/account-fields';
import { AuthCard } from '@/components/auth/auth-card';
import { MailOutboxHint } from '@/components/auth/mail-outbox-hint';
import { OrDivider, ProviderButtons } from '@/components/auth/provider-buttons';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { useAuthOptions } from '@/lib/api/accounts';
import { signUpEmail } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { signInPath, verifyEmailPath } from '@/lib/navigation';

/**
 * Creates an account that cannot sign in yet: the address is confirmed first by the mailed link,
 * which signs the person in and lands on /verify-email, which continues to `next`. A provider
 * vouches for the address itself, so its buttons go to `next` directly.
 */
export function SignUpForm({
  invitationId,
  initialEmail,
  next,
}: {
  invitationId: string | null;
  initialEmail: string;
  /** A path on this origin (safeNextPath). */
  next: string;
}) {
  const t = useTranslations('auth.signUp');
  const options = useAuthOptions();
  const account = useAccountFields(initialEmail);
  const { fields } = account;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!account.validate()) return;
    setPending(true);
    setError(null);
    try {
      const email = fields.email.trim();
      await signUpEmail({
        name: fields.name.trim(),
        email,
        password: fields.password,
        acceptTerms: true,
        callbackURL: verifyEmailPath(next),
      });
      setSentTo(email);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setPending(false);
    }
  };

  const signInLink = (
    <Link href={signInPath(next)} className="underline-offset-4 hover:text-foreground hover:underline">
      {t('signIn')}
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard
        data-testid="sign-up-done"
        title={t('sentTitle')}
        description={t('sentDescription', { email: sentTo })}
        footer={signInLink}
      >
        <FormAlert tone="info">
          <p className="flex items-center gap-1.5">
            <MailCheck className="size-4 shrink-0" /> {t('linkValidity')}
          </p>
          {options.data?.mailOutbox ? <MailOutboxHint what="confirmation" /> : null}
        </FormAlert>
      </AuthCard>
    );
  }

  const inviteOnly = options.data?.signupMode !== 'open' && !invitationId;
  return (
    <AuthCard
      title={t('title')}
      description={
        invitationId
          ? t('invitedDescription')
          : inviteOnly
            ? t('inviteOnlyDescription')
            : t('openDescription')
      }
      footer={signInLink}
    >
      {options.data && options.data.providers.length > 0 ? (
        <>
          <ProviderButtons providers={options.data.providers} callbackURL={next} />
          <OrDivider />
        </>
      ) : null}
      <form data-testid="sign-up-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <AccountFieldInputs {...account} />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
