'use client';

import type { ExecutionDetail as Execution } from '@fleetwright/contracts';
import { ArrowLeft, Ban, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { toast } from 'sonner';
import { Can } from '@/components/accounts/can';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { formatDuration } from '@/components/jobs/duration';
import { ExecutionProgressBar } from '@/components/jobs/execution-progress';
import { ExecutionStatusBadge } from '@/components/jobs/execution-status-badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useCancelExecution, useExecution } from '@/lib/api/executions';
import { useFormat } from '@/lib/hooks/use-format';
import { ExecutionData } from './execution-data';
import { ExecutionLogs } from './execution-logs';
import { ResultCard } from './result-card';

function BackLink({ jobId, jobName }: { jobId?: string; jobName?: string }) {
  const t = useTranslations('jobs.list');
  return (
    <Link
      href={jobId ? `/jobs/${jobId}` : '/jobs'}
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-3.5" />
      {jobName ?? t('title')}
    </Link>
  );
}

export function ExecutionDetail({ id }: { id: string }) {
  const t = useTranslations('executions.detail');
  const query = useExecution(id);
  if (query.isPending) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
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
                  <Link href="/jobs">{t('backToJobs')}</Link>
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
  return <ExecutionDetailView execution={query.data} />;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm tabular-nums">{children}</dd>
    </div>
  );
}

function ExecutionDetailView({ execution }: { execution: Execution }) {
  const t = useTranslations('executions.detail');
  const triggers = useTranslations('jobs.triggers');
  const format = useFormat();
  const cancel = useCancelExecution();
  const active = execution.status === 'QUEUED' || execution.status === 'RUNNING';
  return (
    <div className="space-y-4" data-testid="execution-detail" data-status={execution.status}>
      <BackLink jobId={execution.jobId} jobName={execution.jobName} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <h1 className="min-w-0 truncate text-lg font-semibold tracking-tight">
            {t('title', { name: execution.jobName })}
          </h1>
          <ExecutionStatusBadge status={execution.status} />
        </div>
        {active ? (
          <Can permission="write">
            <Button
              size="sm"
              variant="outline"
              data-testid="cancel-execution"
              disabled={cancel.isPending}
              onClick={() =>
                cancel.mutate(execution.id, {
                  onSuccess: () => toast.success(t('cancelled')),
                  onError: (error) => toast.error(t('cancelFailed'), { description: errorMessage(error) }),
                })
              }
            >
              <Ban />
              {t('cancel')}
            </Button>
          </Can>
        ) : null}
      </div>
      <Card className="gap-4 p-4">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Fact label={t('trigger')}>{triggers(execution.trigger)}</Fact>
          <Fact label={t('attempt')}>{execution.attempt}</Fact>
          <Fact label={t('scheduledFor')}>{format.dateTime(execution.scheduledFor)}</Fact>
          <Fact label={t('started')}>{format.dateTime(execution.startedAt)}</Fact>
          <Fact label={t('finished')}>{format.dateTime(execution.finishedAt)}</Fact>
          <Fact label={t('duration')}>{formatDuration(execution.durationMs)}</Fact>
        </dl>
        <ExecutionProgressBar progress={execution.progress} />
        {execution.error ? (
          <p
            className="rounded-md border border-destructive/30 bg-destructive/5 px-3 py-2 text-xs text-destructive"
            data-testid="execution-error"
          >
            <code className="font-mono font-semibold">{execution.error.code}</code> {execution.error.message}
          </p>
        ) : null}
      </Card>
      <ExecutionData execution={execution} />
      <section className="space-y-3" data-testid="execution-results">
        <h2 className="text-sm font-semibold">{t('results', { count: execution.results.length })}</h2>
        {execution.results.length === 0 ? (
          <p className="text-xs text-muted-foreground">{active ? t('noResultsYet') : t('noResults')}</p>
        ) : (
          execution.results.map((result, index) => (
            <ResultCard key={result.id} executionId={execution.id} result={result} index={index} />
          ))
        )}
      </section>
      <ExecutionLogs executionId={execution.id} />
    </div>
  );
}
