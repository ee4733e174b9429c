'use client';

import { LoaderCircle, Terminal } from 'lucide-react';
import Link from 'next/link';
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
  const options = useAuthOptions();
  if (options.isPending) return <Skeleton className="h-96 w-full" />;
  if (options.isError) {
    return (
      <ErrorState
        error={options.error}
        title="Could not reach the server"
        onRetry={() => void options.refetch()}
      />
    );
  }
  if (!options.data.needsSetup) {
    return (
      <AuthCard
        title="Fleetwright is set up"
        description="The administrator account exists already. Sign in, or ask an administrator to invite you."
      >
        <Button asChild>
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </AuthCard>
    );
  }
  if (!token) return <SetupHint />;
  return <SetupForm token={token} />;
}

/** Without the token nobody can create the first account: say where the link is. */
export function SetupHint() {
  return (
    <AuthCard
      data-testid="setup-hint"
      title="Create the administrator account"
      description="Fleetwright has no accounts yet. The first one is created through a one-time setup link."
    >
      <FormAlert tone="info">
        <p className="flex items-center gap-1.5 font-medium">
          <Terminal className="size-4" /> Open the setup link printed in the console
        </p>
        <p className="text-xs text-muted-foreground">
          <code className="font-mono">fleetwright start</code> prints{' '}
          <code className="font-mono">Create the administrator account: …/setup?token=…</code> while no
          account exists. The token is also in{' '}
          <code className="font-mono">&lt;DATA_DIR&gt;/secrets/setup-token</code>.
        </p>
      </FormAlert>
    </AuthCard>
  );
}

function SetupForm({ token }: { token: string }) {
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
          ? 'This setup link is not valid: open the one printed by the running server.'
          : errorMessage(failure),
      );
      setPending(false);
    }
  };

  return (
    <AuthCard
      title="Create the administrator account"
      description="This account administers the first organization: it invites the others, manages API keys and settings."
    >
      <form data-testid="setup-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <AccountFieldInputs {...account} />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          Create account and sign in
        </Button>
      </form>
    </AuthCard>
  );
}
