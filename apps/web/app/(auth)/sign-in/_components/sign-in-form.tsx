'use client';

import { useMutation } from '@tanstack/react-query';
import { LoaderCircle, MailCheck } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { AuthCard } from '@/components/auth/auth-card';
import { MailOutboxHint } from '@/components/auth/mail-outbox-hint';
import { OrDivider, ProviderButtons } from '@/components/auth/provider-buttons';
import { EmailField, TextField } from '@/components/auth/text-field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { fetchMe, useAuthOptions } from '@/lib/api/accounts';
import { sendVerificationEmail, signInEmail } from '@/lib/api/auth-client';
import { errorMessage, isApiError } from '@/lib/api/client';
import { verifyEmailPath } from '@/lib/navigation';
import { adoptPreferences } from '@/lib/preferences';
import { TwoFactorStep } from './two-factor-step';

/** Email and password; then, for an account with TOTP, the code (TwoFactorStep). */
export function SignInForm({ next, providerError }: { next: string; providerError?: string }) {
  const t = useTranslations('auth.signIn');
  const router = useRouter();
  const options = useAuthOptions();
  const [step, setStep] = useState<'password' | 'two-factor'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  /** `unverifiedEmail`: the address a 403 EMAIL_NOT_VERIFIED was about, to mail its link again. */
  const [error, setError] = useState<{ message: string; unverifiedEmail: string | null } | null>(
    providerError ? { message: providerErrorMessage(providerError, t), unverifiedEmail: null } : null,
  );
  // The new link signs the person in and continues to where this sign-in was going.
  const resend = useMutation({
    mutationFn: (address: string) =>
      sendVerificationEmail({ email: address, callbackURL: verifyEmailPath(next) }),
  });

  // No account exists yet: nobody can sign in, the setup link creates the first one.
  const needsSetup = options.data?.needsSetup === true;
  useEffect(() => {
    if (needsSetup) router.replace('/setup');
  }, [needsSetup, router]);

  // Full navigation: the dashboard starts with a fresh cache, socket and CSRF token, and in the
  // user's own language and theme (saved on another device, perhaps).
  const finish = async () => {
    try {
      adoptPreferences((await fetchMe({ onUnauthenticated: 'throw' })).preferences);
    } catch {
      // The dashboard asks /me again and applies them there.
    }
    window.location.assign(next);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    if (!address || !password) {
      setError({ message: t('required'), unverifiedEmail: null });
      return;
    }
    setPending(true);
    setError(null);
    resend.reset();
    try {
      const result = await signInEmail({ email: address, password });
      if (result?.twoFactorRedirect) {
        setStep('two-factor');
        setPending(false);
        return;
      }
      await finish();
    } catch (failure) {
      setError({
        message: errorMessage(failure),
        unverifiedEmail: isApiError(failure) && failure.code === 'EMAIL_NOT_VERIFIED' ? address : null,
      });
      setPending(false);
    }
  };

  if (step === 'two-factor') {
    return <TwoFactorStep onDone={() => void finish()} onCancel={() => setStep('password')} />;
  }

  const providers = options.data?.providers ?? [];
  return (
    <AuthCard
      title={t('title')}
      description={t('description')}
      footer={
        <>
          <Link href="/forgot-password" className="underline-offset-4 hover:text-foreground hover:underline">
            {t('forgot')}
          </Link>
          <Link
            href={`/sign-up${next === '/sessions' ? '' : `?next=${encodeURIComponent(next)}`}`}
            className="underline-offset-4 hover:text-foreground hover:underline"
          >
            {options.data?.signupMode === 'open' ? t('signUp') : t('signUpInvited')}
          </Link>
        </>
      }
    >
      {providers.length > 0 ? (
        <>
          <ProviderButtons providers={providers} callbackURL={next} />
          <OrDivider />
        </>
      ) : null}
      <form data-testid="sign-in-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <EmailField autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        <TextField
          name="password"
          label={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error?.unverifiedEmail ? (
          <UnverifiedAlert
            message={error.message}
            email={error.unverifiedEmail}
            sent={resend.isSuccess}
            pending={resend.isPending}
            failure={resend.error}
            onResend={resend.mutate}
            mailOutbox={options.data?.mailOutbox === true}
          />
        ) : error ? (
          <FormAlert>
            <p>{error.message}</p>
          </FormAlert>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          {t('submit')}
        </Button>
      </form>
    </AuthCard>
  );
}

/** 403 EMAIL_NOT_VERIFIED: the password was right, the address is not confirmed yet. */
function UnverifiedAlert({
  message,
  email,
  sent,
  pending,
  failure,
  onResend,
  mailOutbox,
}: {
  message: string;
  email: string;
  sent: boolean;
  pending: boolean;
  failure: Error | null;
  onResend: (email: string) => void;
  mailOutbox: boolean;
}) {
  const t = useTranslations('auth.signIn.unverified');
  if (sent) {
    return (
      <FormAlert tone="info" data-testid="resend-confirmation-sent">
        <p className="flex items-center gap-1.5">
          <MailCheck className="size-4 shrink-0" /> {t('sent', { email })}
        </p>
        <p className="text-xs text-foreground/80">{t('sentHint')}</p>
        {mailOutbox ? <MailOutboxHint what="link" /> : null}
      </FormAlert>
    );
  }
  return (
    <FormAlert>
      <p>{message}</p>
      <p className="text-xs text-foreground/80">{t('hint')}</p>
      {failure ? <p className="text-xs">{errorMessage(failure)}</p> : null}
      {mailOutbox ? <MailOutboxHint what="yourLink" /> : null}
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="mt-1"
        data-testid="resend-confirmation"
        disabled={pending}
        onClick={() => onResend(email)}
      >
        {pending ? <LoaderCircle className="animate-spin" /> : null}
        {t('resend')}
      </Button>
    </FormAlert>
  );
}

/** better-auth's OAuth error codes, in words. */
function providerErrorMessage(code: string, t: ReturnType<typeof useTranslations<'auth.signIn'>>): string {
  switch (code) {
    case 'signup_disabled':
    case 'SIGNUP_CLOSED':
      return t('providerErrors.signupClosed');
    case 'account_not_linked':
      return t('providerErrors.notLinked');
    case 'email_not_found':
      return t('providerErrors.noEmail');
    default:
      return t('providerErrors.other', { code });
  }
}
