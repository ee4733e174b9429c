'use client';

import type { LogLevel } from '@fleetwright/contracts';
import { ScrollText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useExecutionLogs } from '@/lib/api/executions';
import { shortId } from '@/lib/format';
import { useFormat } from '@/lib/hooks/use-format';
import { cn } from '@/lib/utils';

const LEVEL_STYLES: Record<LogLevel, string> = {
  debug: 'text-zinc-400',
  info: 'text-sky-600 dark:text-sky-400',
  warn: 'text-amber-600 dark:text-amber-400',
  error: 'text-red-600 dark:text-red-400',
};

/** The log lines of the execution's sessions, newest first, each with the session it came from. */
export function ExecutionLogs({ executionId }: { executionId: string }) {
  const t = useTranslations('executions.logs');
  const format = useFormat();
  const logs = useExecutionLogs(executionId);
  return (
    <Card data-testid="execution-logs" className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {logs.data ? t('count', { count: logs.data.length }) : t('newestFirst')}
        </CardDescription>
      </CardHeader>
      <div className="h-72 overflow-y-auto font-mono text-xs">
        {logs.isPending ? (
          <div className="space-y-2 p-3">
            {Array.from({ length: 6 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <Skeleton key={index} className="h-3.5" style={{ width: `${90 - ((index * 13) % 40)}%` }} />
            ))}
          </div>
        ) : logs.isError ? (
          <ErrorState
            error={logs.error}
            title={t('loadFailed')}
            onRetry={() => void logs.refetch()}
            className="font-sans"
          />
        ) : logs.data.length === 0 ? (
          <EmptyState icon={<ScrollText />} title={t('empty')} className="font-sans" />
        ) : (
          <ol className="divide-y divide-border/60">
            {logs.data.map((line) => (
              <li
                key={line.id}
                data-testid="execution-log-line"
                className="grid grid-cols-[auto_3rem_1fr] gap-x-3 px-3 py-1 sm:grid-cols-[auto_3rem_4.5rem_1fr]"
              >
                <time
                  dateTime={line.at}
                  title={format.dateTime(line.at)}
                  className="text-muted-foreground tabular-nums"
                >
                  {format.clock(line.at)}
                </time>
                <span className={cn('font-semibold uppercase', LEVEL_STYLES[line.level])}>{line.level}</span>
                <span className="hidden truncate text-muted-foreground sm:block" title={line.sessionId}>
                  {shortId(line.sessionId)}
                </span>
                <span className="whitespace-pre-wrap break-all">{line.message}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}
