'use client';

import { LoaderCircle, MailCheck } from 'lucide-react';
import Link from 'next/link';
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
      Already have an account? Sign in
    </Link>
  );

  if (sentTo) {
    return (
      <AuthCard
        data-testid="sign-up-done"
        title="Check your mail"
        description={`We sent a confirmation link to ${sentTo}. Open it to finish: it signs you in.`}
        footer={signInLink}
      >
        <FormAlert tone="info">
          <p className="flex items-center gap-1.5">
            <MailCheck className="size-4" /> The link works for one hour.
          </p>
          {options.data?.mailOutbox ? <MailOutboxHint what="the confirmation link" /> : null}
        </FormAlert>
      </AuthCard>
    );
  }

  const inviteOnly = options.data?.signupMode !== 'open' && !invitationId;
  return (
    <AuthCard
      title="Create your account"
      description={
        invitationId
          ? 'Create an account with the address the invitation was sent to, then accept it.'
          : inviteOnly
            ? 'Sign-up on this server is by invitation: use the address an administrator invited.'
            : 'Your account gets an organization of its own; others can invite you to theirs.'
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
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
