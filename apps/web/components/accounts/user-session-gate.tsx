'use client';

import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { ErrorState } from '@/components/common/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useMe } from '@/lib/api/accounts';
import { isApiError } from '@/lib/api/client';
import { NoOrganization } from './no-organization';

/**
 * Renders the dashboard only for a signed-in member of an organization. Nobody signed in: the
 * /me call answers 401 and apiFetch sends the browser to /sign-in?next=<this page>. So no page
 * below starts its queries (or the socket) before the session is known.
 */
export function UserSessionGate({ children }: { children: React.ReactNode }) {
  const t = useTranslations('errors');
  const me = useMe();
  if (me.isPending || (me.isError && isApiError(me.error) && me.error.status === 401)) {
    return <ShellSkeleton />;
  }
  if (me.isError) {
    return (
      <div className="flex min-h-svh items-center justify-center">
        <ErrorState error={me.error} title={t('accountFailed')} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data.organization) return <NoOrganization me={me.data} />;
  return children;
}

function ShellSkeleton() {
  return (
    <div className="flex min-h-svh" aria-busy="true">
      <div className="hidden w-56 shrink-0 border-r bg-sidebar p-3 md:block">
        <Skeleton className="h-5 w-28" />
        <div className="mt-6 grid gap-2">
          <Skeleton className="h-6 w-full" />
          <Skeleton className="h-6 w-full" />
          <Skeleton className="h-6 w-full" />
        </div>
      </div>
      <div className="flex-1">
        <div className="flex h-12 items-center justify-between border-b px-6">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-6 w-32" />
        </div>
      </div>
    </div>
  );
}
