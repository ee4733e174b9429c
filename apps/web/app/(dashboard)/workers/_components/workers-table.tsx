'use client';

import type { Worker } from '@fleetwright/contracts';
import { Server } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { ToneBadge } from '@/components/common/tone-badge';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useWorkers } from '@/lib/api/workers';
import { shortId } from '@/lib/format';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';
import { cn } from '@/lib/utils';

const COLUMNS = ['host', 'status', 'sessions', 'version', 'started', 'heartbeat'] as const;

function ColumnHeads() {
  const t = useTranslations('workers.columns');
  return COLUMNS.map((column) => <TableHead key={column}>{t(column)}</TableHead>);
}

export function WorkersView() {
  const t = useTranslations('workers');
  const workers = useWorkers();
  return (
    <Card className="overflow-hidden">
      {workers.isPending ? (
        <WorkersTableSkeleton />
      ) : workers.isError && !workers.data ? (
        <ErrorState error={workers.error} title={t('loadFailed')} onRetry={() => void workers.refetch()} />
      ) : workers.data.length === 0 ? (
        <EmptyState icon={<Server />} title={t('empty')} description={t('emptyDescription')} />
      ) : (
        <WorkersTable workers={workers.data} />
      )}
    </Card>
  );
}

function WorkersTable({ workers }: { workers: Worker[] }) {
  const t = useTranslations('workers');
  const format = useFormat();
  const now = useNow(10_000);
  return (
    <Table data-testid="workers-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <ColumnHeads />
        </TableRow>
      </TableHeader>
      <TableBody>
        {workers.map((worker) => {
          const load = worker.capacity > 0 ? Math.min(1, worker.activeSessions / worker.capacity) : 0;
          const online = worker.status === 'ONLINE';
          return (
            <TableRow key={worker.id} data-testid={`worker-row-${worker.id}`}>
              <TableCell>
                <div className="font-medium">{worker.host}</div>
                <div className="font-mono text-xs text-muted-foreground" title={worker.id}>
                  {shortId(worker.id)}
                </div>
              </TableCell>
              <TableCell>
                <ToneBadge
                  tone={online ? 'emerald' : 'zinc'}
                  data-testid="worker-status"
                  data-status={worker.status}
                >
                  {online ? t('online') : t('offline')}
                </ToneBadge>
              </TableCell>
              <TableCell>
                <div className="flex items-center gap-2">
                  <div className="h-1.5 w-24 overflow-hidden rounded-full bg-muted">
                    <div
                      className={cn('h-full rounded-full', load >= 0.9 ? 'bg-amber-500' : 'bg-primary')}
                      style={{ width: `${Math.round(load * 100)}%` }}
                    />
                  </div>
                  <span className="text-xs tabular-nums text-muted-foreground">
                    {t('load', { active: worker.activeSessions, capacity: worker.capacity })}
                  </span>
                </div>
              </TableCell>
              <TableCell>
                <span className="font-mono text-xs">{worker.version}</span>
              </TableCell>
              <TableCell>
                <span className="text-xs" title={format.dateTime(worker.startedAt)}>
                  {format.relativeTime(worker.startedAt, now)}
                </span>
              </TableCell>
              <TableCell>
                <span className="text-xs" title={format.dateTime(worker.heartbeatAt)}>
                  {format.relativeTime(worker.heartbeatAt, now)}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function WorkersTableSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <Table aria-busy="true">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <ColumnHeads />
        </TableRow>
      </TableHeader>
      <TableBody>
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
          <TableRow key={index} className="hover:bg-transparent">
            <TableCell>
              <Skeleton className="h-4 w-32" />
              <Skeleton className="mt-1 h-3 w-16" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-5 w-14" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-2 w-32" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-12" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-16" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-16" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
