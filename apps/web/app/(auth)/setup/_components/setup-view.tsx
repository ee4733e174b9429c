'use client';

import { LoaderCircle, Terminal } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { AccountFieldInputs, useAccountFields } from '@/components/auth/account-fields';
import { AuthCard } from '@/components/auth/auth-card';
import { ErrorState } from '@/components/common/error-state';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useAuthOptions } from '@/lib/api/accounts';
import { signInEmail, signUpEmail } from '@/lib/api/auth-client';
import { errorMessage, isApiError } from '@/lib/api/client';
import { HOME_PATH } from '@/lib/navigation';

/**
 * The first account: the administrator of the first organization. Its sign-up carries the setup
 * token (proof that whoever fills this in started the server) and needs no mailed confirmation,
 * so it signs in right away.
 */
export function SetupView({ token }: { token: string | null }) {
  const t = useTranslations('auth.setup');
  const options = useAuthOptions();
  if (options.isPending) return <Skeleton className="h-96 w-full" />;
  if (options.isError) {
    return (
      <ErrorState error={options.error} title={t('unreachable')} onRetry={() => void options.refetch()} />
    );
  }
  if (!options.data.needsSetup) {
    return (
      <AuthCard title={t('doneTitle')} description={t('doneDescription')}>
        <Button asChild>
          <Link href="/sign-in">{t('signIn')}</Link>
        </Button>
      </AuthCard>
    );
  }
  if (!token) return <SetupHint />;
  return <SetupForm token={token} />;
}

/** Without the token nobody can create the first account: say where the link is. */
export function SetupHint() {
  const t = useTranslations('auth.setup');
  return (
    <AuthCard data-testid="setup-hint" title={t('title')} description={t('hintDescription')}>
      <FormAlert tone="info">
        <p className="flex items-center gap-1.5 font-medium">
          <Terminal className="size-4 shrink-0" /> {t('hintTitle')}
        </p>
        <p className="text-xs text-muted-foreground">
          {t.rich('hintBody', { code: (chunks) => <code className="break-all font-mono">{chunks}</code> })}
        </p>
      </FormAlert>
    </AuthCard>
  );
}

function SetupForm({ token }: { token: string }) {
  const t = useTranslations('auth.setup');
  const account = useAccountFields();
  const { fields } = account;
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!account.validate()) return;
    setPending(true);
    setError(null);
    const email = fields.email.trim();
    try {
      await signUpEmail({
        name: fields.name.trim(),
        email,
        password: fields.password,
        acceptTerms: true,
        setupToken: token,
      });
      await signInEmail({ email, password: fields.password });
      window.location.assign(HOME_PATH);
    } catch (failure) {
      setError(
        isApiError(failure) && failure.code === 'SETUP_TOKEN_REQUIRED'
          ? t('invalidToken')
          : errorMessage(failure),
      );
      setPending(false);
    }
  };

  return (
    <AuthCard title={t('title')} description={t('formDescription')}>
      <form data-testid="setup-form" noValidate onSubmit={onSubmit} className="grid gap-4">
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
