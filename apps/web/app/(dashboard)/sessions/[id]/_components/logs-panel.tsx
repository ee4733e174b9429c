'use client';

import type { LogLevel, SessionLog } from '@fleetwright/contracts';
import { ScrollText } from 'lucide-react';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useSessionLogs } from '@/lib/api/sessions';
import { formatClock, formatDateTime } from '@/lib/format';
import { cn } from '@/lib/utils';

const LEVEL_FILTERS: { value: LogLevel | 'all'; label: string }[] = [
  { value: 'all', label: 'All levels' },
  { value: 'info', label: 'Info and above' },
  { value: 'warn', label: 'Warnings and errors' },
  { value: 'error', label: 'Errors only' },
];

const LEVEL_STYLES: Record<LogLevel, string> = {
  debug: 'text-zinc-400',
  info: 'text-sky-600',
  warn: 'text-amber-600',
  error: 'text-red-600',
};

/** Console messages, page errors, failed requests and lifecycle lines; live lines appear on top. */
export function LogsPanel({ sessionId }: { sessionId: string }) {
  const [filter, setFilter] = useState<LogLevel | 'all'>('all');
  const level = filter === 'all' ? undefined : filter;
  const logs = useSessionLogs(sessionId, level);

  return (
    <Card data-testid="logs-panel" className="overflow-hidden">
      <CardHeader>
        <CardTitle>Logs</CardTitle>
        <CardDescription>
          {logs.data
            ? `${logs.data.length} line${logs.data.length === 1 ? '' : 's'}, newest first`
            : 'Newest first'}
        </CardDescription>
        <CardAction>
          <Select value={filter} onValueChange={(value) => setFilter(value as LogLevel | 'all')}>
            <SelectTrigger size="sm" aria-label="Log level" data-testid="log-level-filter" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent align="end">
              {LEVEL_FILTERS.map((option) => (
                <SelectItem key={option.value} value={option.value}>
                  {option.label}
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
          <ErrorState error={logs.error} title="Could not load logs" onRetry={() => void logs.refetch()} />
        ) : logs.data.length === 0 ? (
          <EmptyState
            icon={<ScrollText />}
            title="No log lines"
            description={
              level
                ? 'Nothing at this level yet.'
                : 'Console output, page errors and failed requests appear here live.'
            }
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
  return (
    <li
      data-testid="log-line"
      data-level={line.level}
      className={cn(
        'grid grid-cols-[auto_3rem_5.5rem_1fr] gap-x-3 px-3 py-1 hover:bg-muted/40',
        line.level === 'error' && 'bg-red-50/60',
        line.level === 'warn' && 'bg-amber-50/50',
      )}
    >
      <time dateTime={line.at} title={formatDateTime(line.at)} className="text-muted-foreground tabular-nums">
        {formatClock(line.at)}
      </time>
      <span className={cn('font-semibold uppercase', LEVEL_STYLES[line.level])}>{line.level}</span>
      <span className="truncate text-muted-foreground">{line.source}</span>
      <span className="whitespace-pre-wrap break-all">{line.message}</span>
    </li>
  );
}
