'use client';

import type { Execution } from '@fleetwright/contracts';
import { Ban, History } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Fragment } from 'react';
import { toast } from 'sonner';
import { EmptyState } from '@/components/common/error-state';
import { formatDuration } from '@/components/jobs/duration';
import { ExecutionProgressBar } from '@/components/jobs/execution-progress';
import { ExecutionStatusBadge } from '@/components/jobs/execution-status-badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/client';
import { useCancelExecution } from '@/lib/api/executions';
import { useFormat } from '@/lib/hooks/use-format';

const COLUMNS = ['status', 'trigger', 'attempt', 'started', 'duration', 'progress'] as const;

function isActive(execution: Execution): boolean {
  return execution.status === 'QUEUED' || execution.status === 'RUNNING';
}

/**
 * Run history: one row per execution, newest first, with cancel on those still going. `showJob`
 * adds the job's name (as it was at the run) for the organization-wide history.
 */
export function ExecutionsTable({
  items,
  canWrite,
  showJob = false,
}: {
  items: Execution[];
  canWrite: boolean;
  showJob?: boolean;
}) {
  const t = useTranslations('jobs.executions');
  const columns = useTranslations('jobs.executions.columns');
  const triggers = useTranslations('jobs.triggers');
  const format = useFormat();
  const cancel = useCancelExecution();
  return (
    <Table data-testid="executions-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {COLUMNS.map((column) => (
            <Fragment key={column}>
              <TableHead>{columns(column)}</TableHead>
              {/* The job's name comes right after the status, as in the rows. */}
              {showJob && column === 'status' ? <TableHead>{columns('job')}</TableHead> : null}
            </Fragment>
          ))}
          <TableHead>
            <span className="sr-only">{t('actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={COLUMNS.length + (showJob ? 2 : 1)} className="whitespace-normal">
              <EmptyState icon={<History />} title={t('empty')} description={t('emptyDescription')} />
            </TableCell>
          </TableRow>
        ) : null}
        {items.map((execution) => (
          <TableRow key={execution.id} data-testid={`execution-row-${execution.id}`}>
            <TableCell>
              <Link href={`/executions/${execution.id}`} className="inline-flex" title={t('open')}>
                <ExecutionStatusBadge status={execution.status} />
              </Link>
            </TableCell>
            {showJob ? (
              <TableCell className="max-w-48 truncate text-xs">
                <Link href={`/jobs/${execution.jobId}`} className="hover:underline" title={execution.jobName}>
                  {execution.jobName}
                </Link>
              </TableCell>
            ) : null}
            <TableCell className="text-xs">{triggers(execution.trigger)}</TableCell>
            <TableCell className="text-xs tabular-nums">{execution.attempt}</TableCell>
            <TableCell className="text-xs">
              <Link href={`/executions/${execution.id}`} className="hover:underline">
                {format.dateTime(execution.startedAt ?? execution.scheduledFor)}
              </Link>
            </TableCell>
            <TableCell className="text-xs tabular-nums">{formatDuration(execution.durationMs)}</TableCell>
            <TableCell className="min-w-36">
              <ExecutionProgressBar progress={execution.progress} />
            </TableCell>
            <TableCell>
              {canWrite && isActive(execution) ? (
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={cancel.isPending}
                  data-testid="cancel-execution"
                  onClick={() =>
                    cancel.mutate(execution.id, {
                      onSuccess: () => toast.success(t('cancelled')),
                      onError: (error) =>
                        toast.error(t('cancelFailed'), { description: errorMessage(error) }),
                    })
                  }
                >
                  <Ban />
                  {t('cancel')}
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ExecutionsTableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="space-y-2 p-3" aria-busy="true">
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
        <Skeleton key={index} className="h-7 w-full" />
      ))}
    </div>
  );
}
