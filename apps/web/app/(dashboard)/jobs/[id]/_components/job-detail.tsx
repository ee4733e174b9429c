'use client';

import type { ExecutionStatus, Job } from '@fleetwright/contracts';
import { executionStatuses } from '@fleetwright/contracts';
import { ArrowLeft, Pause, Pencil, Play, Trash } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Can } from '@/components/accounts/can';
import { ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { ToneBadge } from '@/components/common/tone-badge';
import { Button } from '@/components/ui/button';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useCan } from '@/lib/api/accounts';
import { useExecutions } from '@/lib/api/executions';
import { useJob } from '@/lib/api/jobs';
import { DeleteJobDialog, useJobCommands } from '../../_components/job-actions';
import { JobLoadError } from './edit-job';
import { ExecutionsTable, ExecutionsTableSkeleton } from './executions-table';
import { JobSettings } from './job-settings';

const PAGE_SIZES = [10, 25, 50] as const;
const ALL = 'all';

function BackLink() {
  const t = useTranslations('jobs.list');
  return (
    <Link
      href="/jobs"
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-3.5" />
      {t('title')}
    </Link>
  );
}

export function JobDetail({ id }: { id: string }) {
  const query = useJob(id);
  if (query.isPending) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Card>
          <JobLoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      </div>
    );
  }
  return <JobDetailView job={query.data} />;
}

function JobDetailView({ job }: { job: Job }) {
  const t = useTranslations('jobs.detail');
  const actions = useTranslations('jobs.actions');
  const kinds = useTranslations('jobs.kinds');
  const router = useRouter();
  const commands = useJobCommands();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <div className="space-y-4" data-testid="job-detail">
      <BackLink />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 data-testid="job-name" className="min-w-0 truncate text-lg font-semibold tracking-tight">
              {job.name}
            </h1>
            <ToneBadge tone="slate">{kinds(job.kind)}</ToneBadge>
            {job.paused ? (
              <ToneBadge tone="amber" data-testid="job-paused">
                {t('paused')}
              </ToneBadge>
            ) : null}
          </div>
          {job.description ? <p className="text-sm text-muted-foreground">{job.description}</p> : null}
        </div>
        <Can permission="write">
          <div className="flex flex-wrap items-center gap-2">
            <Button
              size="sm"
              data-testid="run-job"
              disabled={commands.pending}
              onClick={() => commands.run(job, { open: true })}
            >
              <Play />
              {actions('run')}
            </Button>
            <Button
              size="sm"
              variant="outline"
              data-testid={job.paused ? 'resume-job' : 'pause-job'}
              disabled={commands.pending}
              onClick={() => commands.setPaused(job, !job.paused)}
            >
              {job.paused ? <Play /> : <Pause />}
              {job.paused ? actions('resume') : actions('pause')}
            </Button>
            <Button asChild size="sm" variant="outline">
              <Link href={`/jobs/${job.id}/edit`}>
                <Pencil />
                {actions('edit')}
              </Link>
            </Button>
            <Button size="sm" variant="outline" onClick={() => setConfirmDelete(true)}>
              <Trash />
              {actions('delete')}
            </Button>
          </div>
        </Can>
      </div>
      <JobSettings job={job} />
      <JobExecutions jobId={job.id} />
      <DeleteJobDialog
        job={job}
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        onDeleted={() => router.push('/jobs')}
      />
    </div>
  );
}

function JobExecutions({ jobId }: { jobId: string }) {
  const t = useTranslations('jobs.executions');
  const statuses = useTranslations('executionStatus');
  const canWrite = useCan('write');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[1]);
  const [status, setStatus] = useState<ExecutionStatus | undefined>(undefined);
  const query = useExecutions({ page, pageSize, jobId, status });
  return (
    <Card className="overflow-hidden" data-testid="job-executions">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {query.data ? t('count', { count: query.data.total }) : t('description')}
        </CardDescription>
        <CardAction>
          <Select
            value={status ?? ALL}
            onValueChange={(value) => {
              setStatus(value === ALL ? undefined : (value as ExecutionStatus));
              setPage(1);
            }}
          >
            <SelectTrigger size="sm" aria-label={t('status')} className="w-36">
              <SelectValue />
            </SelectTrigger>
            <SelectContent align="end">
              <SelectItem value={ALL}>{t('allStatuses')}</SelectItem>
              {executionStatuses.map((option) => (
                <SelectItem key={option} value={option}>
                  {statuses(option)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </CardAction>
      </CardHeader>
      <div>
        {query.isPending ? (
          <ExecutionsTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <ExecutionsTable items={query.data?.items ?? []} canWrite={canWrite} />
            {(query.data?.total ?? 0) > 0 ? (
              <div className="border-t">
                <Pagination
                  page={page}
                  pageSize={pageSize}
                  pageSizes={PAGE_SIZES}
                  total={query.data?.total ?? 0}
                  onPageChange={setPage}
                  onPageSizeChange={(size) => {
                    setPageSize(size);
                    setPage(1);
                  }}
                />
              </div>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}
