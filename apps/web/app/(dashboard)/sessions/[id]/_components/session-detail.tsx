'use client';

import type { Session } from '@fleetwright/contracts';
import { ArrowLeft, ExternalLink, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Can } from '@/components/accounts/can';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { StatusBadge } from '@/components/sessions/status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/client';
import { useSession } from '@/lib/api/sessions';
import { useSocketSubscription } from '@/lib/socket';
import { LiveView } from './live-view';
import { LogsPanel } from './logs-panel';
import { MetricsChart } from './metrics-chart';
import { NavigateForm, SessionActions } from './session-controls';
import { SessionSettings } from './session-settings';

function BackLink() {
  const t = useTranslations('sessions.list');
  return (
    <Link
      href="/sessions"
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-3.5" />
      {t('title')}
    </Link>
  );
}

export function SessionDetail({ id }: { id: string }) {
  // The organization room (dashboard layout) carries these events too; the session room makes
  // sure logs and metrics of this one keep flowing whatever the server sends org-wide.
  const t = useTranslations('sessions.detail');
  useSocketSubscription({ sessionId: id });
  const query = useSession(id);

  if (query.isPending) return <SessionDetailSkeleton />;
  if (query.isError) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Card>
          {isApiError(query.error) && query.error.status === 404 ? (
            <EmptyState
              icon={<SearchX />}
              title={t('notFound')}
              description={t('notFoundDescription')}
              action={
                <Button asChild variant="outline" size="sm">
                  <Link href="/sessions">{t('backToSessions')}</Link>
                </Button>
              }
            />
          ) : (
            <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
          )}
        </Card>
      </div>
    );
  }
  return <SessionDetailView session={query.data} />;
}

function SessionDetailView({ session }: { session: Session }) {
  const t = useTranslations('sessions.detail');
  return (
    <div className="space-y-4" data-testid="session-detail">
      <BackLink />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 data-testid="session-name" className="min-w-0 truncate text-lg font-semibold tracking-tight">
              {session.name}
            </h1>
            <StatusBadge status={session.status} />
            {session.tags.map((tag) => (
              <Link
                key={tag}
                href={`/sessions?tag=${encodeURIComponent(tag)}`}
                className="rounded border bg-muted/50 px-1.5 py-0.5 text-xs text-muted-foreground hover:text-foreground"
              >
                {tag}
              </Link>
            ))}
          </div>
          <p className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground">
            {session.currentUrl ? (
              <a
                data-testid="session-current-url"
                href={session.currentUrl}
                target="_blank"
                rel="noreferrer noopener"
                className="inline-flex min-w-0 items-center gap-1 font-mono hover:text-foreground"
              >
                <span className="truncate">{session.currentUrl}</span>
                <ExternalLink className="size-3 shrink-0" />
              </a>
            ) : (
              <span>{t('noPage')}</span>
            )}
          </p>
        </div>
        <SessionActions session={session} />
      </div>

      <Can permission="write">
        <NavigateForm session={session} />
      </Can>

      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(320px,1fr)]">
        <LiveView session={session} />
        <SessionSettings session={session} />
      </div>
      <MetricsChart sessionId={session.id} />
      <LogsPanel sessionId={session.id} />
    </div>
  );
}

export function SessionDetailSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true">
      <Skeleton className="h-4 w-20" />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-2">
          <div className="flex items-center gap-2">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="h-5 w-16" />
          </div>
          <Skeleton className="h-3.5 w-72" />
        </div>
        <div className="flex gap-1.5">
          <Skeleton className="h-8 w-20" />
          <Skeleton className="h-8 w-20" />
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-8 w-28" />
        </div>
      </div>
      <Skeleton className="h-8 w-full" />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(320px,1fr)]">
        <Card className="overflow-hidden">
          <CardHeader>
            <Skeleton className="h-4 w-24" />
          </CardHeader>
          <Skeleton className="aspect-video rounded-none" />
        </Card>
        <Card>
          <CardHeader>
            <Skeleton className="h-4 w-16" />
          </CardHeader>
          <div className="space-y-2.5 p-4">
            {Array.from({ length: 10 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <Skeleton key={index} className="h-3.5 w-full" />
            ))}
          </div>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <Skeleton className="h-4 w-20" />
        </CardHeader>
        <Skeleton className="m-4 h-52" />
      </Card>
    </div>
  );
}
