'use client';

import { formatProxyHost, type PoolProxy } from '@fleetwright/contracts';
import { Pencil } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';
import { Country } from './country';
import { ProxyStatusBadge } from './proxy-status-badge';

const COLUMNS = [
  'status',
  'host',
  'port',
  'protocol',
  'country',
  'latency',
  'successRate',
  'lastChecked',
  'lastUsed',
  'sessionsUsing',
] as const;

function ColumnHeads() {
  const t = useTranslations('proxies.table.columns');
  return COLUMNS.map((column) => <TableHead key={column}>{t(column)}</TableHead>);
}

export function ProxiesTable({
  items,
  selected,
  onSelectedChange,
  onOpen,
  onEdit,
  canWrite,
  empty,
}: {
  items: PoolProxy[];
  selected: ReadonlySet<string>;
  onSelectedChange: (next: Set<string>) => void;
  /** Opens the detail drawer. */
  onOpen: (proxy: PoolProxy) => void;
  onEdit: (proxy: PoolProxy) => void;
  canWrite: boolean;
  /** Shown in the body when there are no rows. */
  empty?: React.ReactNode;
}) {
  const t = useTranslations('proxies.table');
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
    <Table data-testid="proxies-table">
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
          <TableHead>
            <span className="sr-only">{t('actions')}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.length === 0 ? (
          <TableRow className="hover:bg-transparent">
            <TableCell colSpan={COLUMNS.length + 2} className="whitespace-normal">
              {empty}
            </TableCell>
          </TableRow>
        ) : null}
        {items.map((proxy) => {
          const isSelected = selected.has(proxy.id);
          const host = formatProxyHost(proxy.host);
          return (
            <TableRow
              key={proxy.id}
              data-testid={`proxy-row-${proxy.id}`}
              data-host={proxy.host}
              data-state={isSelected ? 'selected' : undefined}
            >
              <TableCell>
                <Checkbox
                  aria-label={t('select', { host: `${host}:${proxy.port}` })}
                  checked={isSelected}
                  onCheckedChange={(checked) => toggle(proxy.id, checked === true)}
                />
              </TableCell>
              <TableCell>
                <ProxyStatusBadge status={proxy.status} />
              </TableCell>
              <TableCell className="max-w-56">
                <button
                  type="button"
                  onClick={() => onOpen(proxy)}
                  className="block max-w-full truncate text-left font-mono text-xs font-medium hover:underline"
                  title={t('open', { host })}
                >
                  {host}
                </button>
                {proxy.tags.length > 0 ? (
                  <span className="block truncate text-xs text-muted-foreground">
                    {proxy.tags.join(', ')}
                  </span>
                ) : null}
              </TableCell>
              <TableCell className="font-mono text-xs">{proxy.port}</TableCell>
              <TableCell className="text-xs uppercase">{proxy.protocol}</TableCell>
              <TableCell>
                <Country code={proxy.country} />
              </TableCell>
              <TableCell className="text-xs tabular-nums">
                {proxy.latencyMs === null ? '—' : t('milliseconds', { value: proxy.latencyMs })}
              </TableCell>
              <TableCell className="text-xs tabular-nums">
                {proxy.successRate === null ? '—' : t('percent', { value: proxy.successRate })}
              </TableCell>
              <TableCell className="text-xs" title={format.dateTime(proxy.lastCheckedAt)}>
                {format.relativeTime(proxy.lastCheckedAt, now)}
              </TableCell>
              <TableCell className="text-xs" title={format.dateTime(proxy.lastUsedAt)}>
                {format.relativeTime(proxy.lastUsedAt, now)}
              </TableCell>
              <TableCell className="text-xs tabular-nums">{proxy.sessionsUsing}</TableCell>
              <TableCell>
                {canWrite ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    aria-label={t('edit', { host })}
                    onClick={() => onEdit(proxy)}
                  >
                    <Pencil />
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

export function ProxiesTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Table aria-busy="true">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>
            <Skeleton className="size-4" />
          </TableHead>
          <ColumnHeads />
          <TableHead />
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
              <Skeleton className="h-5 w-16" />
            </TableCell>
            <TableCell>
              <Skeleton className="h-4 w-32" />
            </TableCell>
            {Array.from({ length: COLUMNS.length - 2 }, (_, cell) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity.
              <TableCell key={cell}>
                <Skeleton className="h-4 w-10" />
              </TableCell>
            ))}
            <TableCell />
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
