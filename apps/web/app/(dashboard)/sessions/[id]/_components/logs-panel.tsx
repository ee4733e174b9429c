'use client';

import type { LogLevel, SessionLog } from '@fleetwright/contracts';
import { ScrollText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useSessionLogs } from '@/lib/api/sessions';
import { useFormat } from '@/lib/hooks/use-format';
import { cn } from '@/lib/utils';

const LEVEL_FILTERS = ['all', 'info', 'warn', 'error'] as const;

const LEVEL_STYLES: Record<LogLevel, string> = {
  debug: 'text-zinc-400',
  info: 'text-sky-600 dark:text-sky-400',
  warn: 'text-amber-600 dark:text-amber-400',
  error: 'text-red-600 dark:text-red-400',
};

/** Console messages, page errors, failed requests and lifecycle lines; live lines appear on top. */
export function LogsPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('sessions.logs');
  const [filter, setFilter] = useState<LogLevel | 'all'>('all');
  const level = filter === 'all' ? undefined : filter;
  const logs = useSessionLogs(sessionId, level);

  return (
    <Card data-testid="logs-panel" className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
        <CardDescription>
          {logs.data ? t('count', { count: logs.data.length }) : t('newestFirst')}
        </CardDescription>
        <CardAction>
          <Select value={filter} onValueChange={(value) => setFilter(value as LogLevel | 'all')}>
            <SelectTrigger
              size="sm"
              aria-label={t('level')}
              data-testid="log-level-filter"
              className="w-36 sm:w-44"
            >
              <SelectValue />
            </SelectTrigger>
            <SelectContent align="end">
              {LEVEL_FILTERS.map((option) => (
                <SelectItem key={option} value={option}>
                  {t(`levels.${option}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </CardAction>
      </CardHeader>
      <div className="h-80 overflow-y-auto font-mono text-xs">
        {logs.isPending ? (
          <div className="space-y-2 p-3">
            {Array.from({ length: 8 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
              <Skeleton key={index} className="h-3.5" style={{ width: `${90 - ((index * 13) % 40)}%` }} />
            ))}
          </div>
        ) : logs.isError ? (
          <ErrorState error={logs.error} title={t('loadFailed')} onRetry={() => void logs.refetch()} />
        ) : logs.data.length === 0 ? (
          <EmptyState
            icon={<ScrollText />}
            title={t('empty')}
            description={level ? t('emptyAtLevel') : t('emptyDescription')}
            className="font-sans"
          />
        ) : (
          <ol className="divide-y divide-border/60">
            {logs.data.map((line) => (
              <LogLine key={line.id} line={line} />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}

function LogLine({ line }: { line: SessionLog }) {
  const format = useFormat();
  return (
    <li
      data-testid="log-line"
      data-level={line.level}
      className={cn(
        'grid grid-cols-[auto_3rem_1fr] gap-x-3 px-3 py-1 hover:bg-muted/40 sm:grid-cols-[auto_3rem_5.5rem_1fr]',
        line.level === 'error' && 'bg-red-50/60 dark:bg-red-950/30',
        line.level === 'warn' && 'bg-amber-50/50 dark:bg-amber-950/30',
      )}
    >
      <time
        dateTime={line.at}
        title={format.dateTime(line.at)}
        className="text-muted-foreground tabular-nums"
      >
        {format.clock(line.at)}
      </time>
      <span className={cn('font-semibold uppercase', LEVEL_STYLES[line.level])}>{line.level}</span>
      <span className="hidden truncate text-muted-foreground sm:block">{line.source}</span>
      <span className="whitespace-pre-wrap break-all">{line.message}</span>
    </li>
  );
}
