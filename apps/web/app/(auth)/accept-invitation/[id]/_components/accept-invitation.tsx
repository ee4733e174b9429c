'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { AuthCard } from '@/components/auth/auth-card';
import { FormAlert } from '@/components/common/form-alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { fetchMe } from '@/lib/api/accounts';
import { acceptInvitation, getInvitation, setActiveOrganization, signOut } from '@/lib/api/auth-client';
import { errorMessage, isApiError } from '@/lib/api/client';
import { accountKeys } from '@/lib/api/query-keys';
import { signInPath } from '@/lib/navigation';

export function AcceptInvitation({ id }: { id: string }) {
  const t = useTranslations('auth.invitation');
  const roles = useTranslations('roles');
  const here = `/accept-invitation/${encodeURIComponent(id)}`;
  // Only asks whether someone is signed in: a 401 here is an answer, not a reason to redirect.
  const me = useQuery({
    queryKey: [...accountKeys.me, 'probe'],
    queryFn: ({ signal }) => fetchMe({ signal, onUnauthenticated: 'throw' }),
    retry: false,
  });
  const signedIn = me.isSuccess && me.data.user !== null;
  const invitation = useQuery({
    queryKey: ['invitations', id],
    queryFn: () => getInvitation(id),
    enabled: signedIn,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: async () => {
      await acceptInvitation(id);
      // Act for the organization just joined, not the one the session started in.
      if (invitation.data) await setActiveOrganization(invitation.data.organizationId);
    },
    onSuccess: () => window.location.assign('/'),
  });
  const switchAccount = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      window.location.assign(signInPath(here));
    },
  });

  if (me.isPending || (signedIn && invitation.isPending)) return <Skeleton className="h-56 w-full" />;

  if (!signedIn) {
    if (me.isError && !(isApiError(me.error) && me.error.status === 401)) {
      return <AuthCard title={t('unreachable')} description={errorMessage(me.error)} />;
    }
    return (
      <AuthCard
        data-testid="invitation-sign-in"
        title={t('invitedTitle')}
        description={t('invitedDescription')}
      >
        <div className="grid gap-2">
          <Button asChild>
            <Link href={signInPath(here)}>{t('signIn')}</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/sign-up?invitation=${encodeURIComponent(id)}`}>{t('signUp')}</Link>
          </Button>
        </div>
      </AuthCard>
    );
  }

  if (invitation.isError) {
    return (
      <AuthCard
        title={t('failedTitle')}
        description={t('signedInAs', { email: me.data.user?.email ?? '' })}
        footer={
          <Link href="/" className="underline-offset-4 hover:text-foreground hover:underline">
            {t('dashboard')}
          </Link>
        }
      >
        <FormAlert>{errorMessage(invitation.error)}</FormAlert>
        <p className="text-sm text-muted-foreground">{t('failedHint')}</p>
        <Button variant="outline" disabled={switchAccount.isPending} onClick={() => switchAccount.mutate()}>
          {t('switchAccount')}
        </Button>
      </AuthCard>
    );
  }

  const details = invitation.data!;
  return (
    <AuthCard
      data-testid="invitation"
      title={t('joinTitle', { organization: details.organizationName })}
      description={t('joinDescription', {
        inviter: details.inviterEmail,
        email: details.email,
        role: roles(details.role),
      })}
    >
      {accept.isError ? <FormAlert>{errorMessage(accept.error)}</FormAlert> : null}
      <Button disabled={accept.isPending} onClick={() => accept.mutate()}>
        {accept.isPending ? <LoaderCircle className="animate-spin" /> : null}
        {t('accept')}
      </Button>
    </AuthCard>
  );
}
