'use client';

import { proxyProviderPresets, type Session, type Worker } from '@fleetwright/contracts';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { ProxyCountry } from '@/components/sessions/proxy-country';
import { StatusBadge } from '@/components/sessions/status-badge';
import { Checkbox } from '@/components/ui/checkbox';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { shortId } from '@/lib/format';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';
import { cn } from '@/lib/utils';

const COLUMNS = ['name', 'status', 'tags', 'currentUrl', 'proxy', 'worker', 'lastActivity'] as const;

function ColumnHeads() {
  const t = useTranslations('sessions.table.columns');
  return COLUMNS.map((column) => <TableHead key={column}>{t(column)}</TableHead>);
}

export function SessionsTable({
  items,
  selected,
  onSelectedChange,
  workersById,
  onTagClick,
  empty,
  className,
}: {
  items: Session[];
  selected: ReadonlySet<string>;
  onSelectedChange: (next: Set<string>) => void;
  workersById: ReadonlyMap<string, Worker>;
  onTagClick: (tag: string) => void;
  /** Shown in the body when there are no rows; the table itself always renders. */
  empty?: React.ReactNode;
  className?: string;
}) {
  const t = useTranslations('sessions.table');
  const format = useFormat();
  const now = useNow();
  const selectedOnPage = items.filter((item) => selected.has(item.id)).length;
  const allChecked = items.length > 0 && selectedOnPage === items.length;

  const toggle = (id: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };

  return (
    <Table data-testid="sessions-table" className={className}>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>
            <Checkbox
              aria-label={t('selectAll')}
              disabled={items.length === 0}
              checked={allChecked ? true : selectedOnPage > 0 ? 'indeterminate' : false}
              onCheckedChange={(checked) =>
                onSelectedChange(checked === true ? new Set(items.map((item) => item.id)) : new Set())
              }
            />
          </TableHead>
          <ColumnHeads />
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
        {items.map((session) => {
          const isSelected = selected.has(session.id);
          const worker = session.workerId ? workersById.get(session.workerId) : undefined;
          return (
            <TableRow
              key={session.id}
              data-testid={`session-row-${session.id}`}
              data-state={isSelected ? 'selected' : undefined}
            >
              <TableCell>
                <Checkbox
                  aria-label={t('select', { name: session.name })}
                  checked={isSelected}
                  onCheckedChange={(checked) => toggle(session.id, checked === true)}
                />
              </TableCell>
              <TableCell className="max-w-64">
                <Link
                  href={`/sessions/${session.id}`}
                  className="block truncate font-medium hover:underline"
                  title={session.name}
                >
                  {session.name}
                </Link>
                <span className="font-mono text-xs text-muted-foreground">{shortId(session.id)}</span>
              </TableCell>
              <TableCell>
                <StatusBadge status={session.status} />
              </TableCell>
              <TableCell className="max-w-56">
                <div className="flex flex-wrap gap-1">
                  {session.tags.length === 0 ? <span className="text-muted-foreground">—</span> : null}
                  {session.tags.map((tag) => (
                    <button
                      key={tag}
                      type="button"
                      title={t('showTagged', { tag })}
                      onClick={() => onTagClick(tag)}
                      className="rounded border bg-muted/50 px-1.5 py-0.5 text-xs text-muted-foreground hover:border-foreground/30 hover:text-foreground"
                    >
                      {tag}
                    </button>
                  ))}
                </div>
              </TableCell>
              <TableCell className="max-w-80">
                <span
                  className="block truncate font-mono text-xs text-muted-foreground"
                  title={session.currentUrl ?? session.startUrl}
                >
                  {session.currentUrl ?? '—'}
                </span>
              </TableCell>
              <TableCell className="max-w-56">
                <SessionProxyCell session={session} />
              </TableCell>
              <TableCell>
                {session.workerId ? (
                  <span className="text-xs" title={session.workerId}>
                    {worker?.host ?? <span className="font-mono">{shortId(session.workerId)}</span>}
                  </span>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell>
                <span
                  className={cn('text-xs', !session.lastActivityAt && 'text-muted-foreground')}
                  title={format.dateTime(session.lastActivityAt)}
                >
                  {format.relativeTime(session.lastActivityAt, now)}
                </span>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** The pool proxy (host:port and its country), the provider entry (and its country), a proxy URL of its own, or a dash for none. */
function SessionProxyCell({ session }: { session: Session }) {
  if (session.proxyProvider) {
    const { name, kind } = session.proxyProvider;
    return (
      <span className="flex items-center gap-1.5 text-xs" data-testid="session-proxy">
        <span className="truncate" title={`${name} · ${proxyProviderPresets[kind].label}`}>
          {name}
        </span>
        <ProxyCountry country={session.proxyCountry} className="shrink-0 text-muted-foreground" />
      </span>
    );
  }
  if (session.poolProxy) {
    const { host, port } = session.poolProxy;
    const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    return (
      <span className="flex items-center gap-1.5 text-xs" data-testid="session-proxy">
        <span className="truncate font-mono" title={`${session.poolProxy.protocol}://${address}`}>
          {address}
        </span>
        <ProxyCountry country={session.proxyCountry} className="shrink-0 text-muted-foreground" />
      </span>
    );
  }
  if (session.proxyUrl) {
    return (
      <span className="block truncate font-mono text-xs text-muted-foreground" title={session.proxyUrl}>
        {session.proxyUrl}
      </span>
    );
  }
  return <span className="text-muted-foreground">—</span>;
}

export function SessionsTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Table aria-busy="true">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>
            <Skeleton className="size-4" />
          </TableHead>
          <ColumnHeads />
        </TableRow>
      </TableHeader>
      <TableBody>
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity.
          <TableRow key={index} className="hover:bg-transparent">
            <TableCell>
              <Skeleton className="size-4" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-36" />
              <Skeleton className="mt-1 h-3 w-16" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-5 w-16" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-5 w-20" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-56" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-28" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-20" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-14" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
