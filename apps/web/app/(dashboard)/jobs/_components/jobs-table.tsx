'use client';

import type { Job } from '@fleetwright/contracts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { ToneBadge } from '@/components/common/tone-badge';
import { ExecutionStatusBadge } from '@/components/jobs/execution-status-badge';
import { useScheduleText } from '@/components/jobs/schedule-text';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';
import { JobRowActions } from './job-actions';

const COLUMNS = ['name', 'kind', 'schedule', 'nextRun', 'lastExecution', 'state'] as const;

function ColumnHeads() {
  const t = useTranslations('jobs.table.columns');
  return COLUMNS.map((column) => <TableHead key={column}>{t(column)}</TableHead>);
}

export function JobsTable({
  items,
  canWrite,
  empty,
}: {
  items: Job[];
  canWrite: boolean;
  empty?: React.ReactNode;
}) {
  const t = useTranslations('jobs.table');
  const kinds = useTranslations('jobs.kinds');
  const format = useFormat();
  const now = useNow();
  const scheduleText = useScheduleText();
  return (
    <Table data-testid="jobs-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <ColumnHeads />
          <TableHead>
            <span className="sr-only">{t('actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={COLUMNS.length + 1} className="whitespace-normal">
              {empty}
            </TableCell>
          </TableRow>
        ) : null}
        {items.map((job) => (
          <TableRow key={job.id} data-testid={`job-row-${job.id}`} data-name={job.name}>
            <TableCell className="max-w-64">
              <Link href={`/jobs/${job.id}`} className="block truncate font-medium hover:underline">
                {job.name}
              </Link>
              {job.tags.length > 0 ? (
                <span className="block truncate text-xs text-muted-foreground">{job.tags.join(', ')}</span>
              ) : null}
            </TableCell>
            <TableCell className="text-xs">{kinds(job.kind)}</TableCell>
            <TableCell className="max-w-64 truncate text-xs" title={scheduleText(job.schedule)}>
              {scheduleText(job.schedule)}
            </TableCell>
            <TableCell className="text-xs" title={format.dateTime(job.nextRunAt)}>
              {job.nextRunAt ? (
                <>
                  <span className="block">{format.dateTime(job.nextRunAt)}</span>
                  <span className="block text-muted-foreground">
                    {format.relativeTime(job.nextRunAt, now)}
                  </span>
                </>
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell>
              {job.lastExecution ? (
                <Link
                  href={`/executions/${job.lastExecution.id}`}
                  className="inline-flex"
                  title={t('openLast')}
                >
                  <ExecutionStatusBadge status={job.lastExecution.status} />
                </Link>
              ) : (
                <span className="text-xs text-muted-foreground">{t('neverRun')}</span>
              )}
            </TableCell>
            <TableCell>
              {job.paused ? (
                <ToneBadge tone="amber" data-testid="job-paused">
                  {t('paused')}
                </ToneBadge>
              ) : (
                <ToneBadge tone="emerald">{t('active')}</ToneBadge>
              )}
            </TableCell>
            <TableCell>{canWrite ? <JobRowActions job={job} /> : null}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function JobsTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Table aria-busy="true">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <ColumnHeads />
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
          <TableRow key={index} className="hover:bg-transparent">
            <TableCell>
              <Skeleton className="h-4 w-40" />
            </TableCell>
            {Array.from({ length: COLUMNS.length - 1 }, (_, cell) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity.
              <TableCell key={cell}>
                <Skeleton className="h-4 w-16" />
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
