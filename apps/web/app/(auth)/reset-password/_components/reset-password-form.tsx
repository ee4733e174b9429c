'use client';

import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/components/auth/account-fields';
import { AuthCard } from '@/components/auth/auth-card';
import { TextField } from '@/components/auth/text-field';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { resetPassword } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';

export function ResetPasswordForm({ token, linkError }: { token: string | null; linkError: string | null }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirmation?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  const signIn = (
    <Link href="/sign-in" className="underline-offset-4 hover:text-foreground hover:underline">
      Back to sign in
    </Link>
  );

  if (!token || linkError) {
    return (
      <AuthCard
        title="This link does not work"
        description="Reset links work once, for one hour. Ask for a new one."
        footer={signIn}
      >
        <Button asChild>
          <Link href="/forgot-password">Send a new link</Link>
        </Button>
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard
        title="Password changed"
        description="Sign in with the new password. Other devices were signed out."
      >
        <Button asChild>
          <Link href="/sign-in">Sign in</Link>
        </Button>
      </AuthCard>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (password.length < MIN_PASSWORD_LENGTH)
      found.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (confirmation !== password) found.confirmation = 'The two passwords differ.';
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
    <AuthCard title="Set a new password" footer={signIn}>
      <form data-testid="reset-password-form" noValidate onSubmit={onSubmit} className="grid gap-4">
        <TextField
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          autoFocus
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          name="confirmation"
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          error={errors.confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
        {error ? <FormAlert>{error}</FormAlert> : null}
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" /> : null}
          Change password
        </Button>
      </form>
    </AuthCard>
  );
}
