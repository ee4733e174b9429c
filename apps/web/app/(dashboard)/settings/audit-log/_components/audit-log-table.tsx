import type { AuditLog } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { shortId, shortUserAgent } from '@/lib/format';
import { useFormat } from '@/lib/hooks/use-format';

const COLUMNS = ['time', 'action', 'actor', 'from', 'target', 'details'] as const;

export function AuditLogTable({ items, empty }: { items: AuditLog[]; empty: React.ReactNode }) {
  const t = useTranslations('auditLog.table');
  const format = useFormat();
  const on = (browser: string, system: string) => t('userAgent', { browser, system });
  return (
    <Table data-testid="audit-log-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {COLUMNS.map((column) => (
            <TableHead key={column}>{t(`columns.${column}`)}</TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={COLUMNS.length} className="whitespace-normal">
              {empty}
            </TableCell>
          </TableRow>
        ) : null}
        {items.map((entry) => (
          <TableRow
            key={entry.id}
            data-testid="audit-log-row"
            data-action={entry.action}
            className="align-top"
          >
            <TableCell className="text-xs" title={entry.createdAt}>
              {format.dateTime(entry.createdAt)}
            </TableCell>
            <TableCell>
              <code className="font-mono text-xs">{entry.action}</code>
            </TableCell>
            <TableCell className="text-xs">
              <span className="flex items-center gap-1.5">
                {entry.actor ?? '—'}
                {entry.actorApiKeyId ? <Badge variant="secondary">{t('apiKey')}</Badge> : null}
              </span>
            </TableCell>
            <TableCell className="text-xs">
              <div className="font-mono">{entry.ip ?? '—'}</div>
              {entry.userAgent ? (
                <div className="text-muted-foreground" title={entry.userAgent}>
                  {shortUserAgent(entry.userAgent, on)}
                </div>
              ) : null}
            </TableCell>
            <TableCell className="text-xs">
              {entry.targetType ? (
                <span title={entry.targetId ?? undefined}>
                  {entry.targetType}
                  {entry.targetId ? (
                    <span className="ml-1 font-mono text-muted-foreground">{shortId(entry.targetId)}</span>
                  ) : null}
                </span>
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell className="min-w-72 max-w-md whitespace-normal">
              {entry.details ? (
                <code
                  className="line-clamp-3 font-mono text-[11px] break-all text-muted-foreground"
                  title={JSON.stringify(entry.details, null, 2)}
                >
                  {JSON.stringify(entry.details)}
                </code>
              ) : (
                <span className="text-xs text-muted-foreground">—</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function AuditLogTableSkeleton() {
  return (
    <div className="grid gap-3 p-4" aria-busy="true">
      {Array.from({ length: 6 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <Skeleton key={index} className="h-5 w-full" />
      ))}
    </div>
  );
}
