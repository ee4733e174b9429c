'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { LoaderCircle } from 'lucide-react';
import Link from 'next/link';
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
      return <AuthCard title="Could not reach the server" description={errorMessage(me.error)} />;
    }
    return (
      <AuthCard
        data-testid="invitation-sign-in"
        title="You are invited to Fleetwright"
        description="Sign in, or create an account with the invited address, to see and accept the invitation."
      >
        <div className="grid gap-2">
          <Button asChild>
            <Link href={signInPath(here)}>Sign in</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href={`/sign-up?invitation=${encodeURIComponent(id)}`}>Create an account</Link>
          </Button>
        </div>
      </AuthCard>
    );
  }

  if (invitation.isError) {
    return (
      <AuthCard
        title="This invitation cannot be opened"
        description={`Signed in as ${me.data.user?.email}.`}
        footer={
          <Link href="/" className="underline-offset-4 hover:text-foreground hover:underline">
            Go to the dashboard
          </Link>
        }
      >
        <FormAlert>{errorMessage(invitation.error)}</FormAlert>
        <p className="text-sm text-muted-foreground">
          Invitations are for one address, work for 7 days and only once. If it was sent to another address of
          yours, sign in with that one.
        </p>
        <Button variant="outline" disabled={switchAccount.isPending} onClick={() => switchAccount.mutate()}>
          Sign in with another account
        </Button>
      </AuthCard>
    );
  }

  const details = invitation.data!;
  return (
    <AuthCard
      data-testid="invitation"
      title={`Join ${details.organizationName}`}
      description={`${details.inviterEmail} invites ${details.email} as ${details.role}.`}
    >
      {accept.isError ? <FormAlert>{errorMessage(accept.error)}</FormAlert> : null}
      <Button disabled={accept.isPending} onClick={() => accept.mutate()}>
        {accept.isPending ? <LoaderCircle className="animate-spin" /> : null}
        Accept the invitation
      </Button>
    </AuthCard>
  );
}
