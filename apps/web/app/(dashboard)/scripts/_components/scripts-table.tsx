'use client';

import type { ScriptSummary } from '@fleetwright/contracts';
import { Trash2 } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { ToneBadge } from '@/components/common/tone-badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useFormat } from '@/lib/hooks/use-format';
import { useNow } from '@/lib/hooks/use-now';

const COLUMNS = ['name', 'tags', 'version', 'updated', 'visibility'] as const;

/** The library: one row a script, its name linking to the editor. */
export function ScriptsTable({
  items,
  canWrite,
  onTag,
  onDelete,
  empty,
}: {
  items: ScriptSummary[];
  canWrite: boolean;
  /** Filters the list by a tag clicked in a row. */
  onTag: (tag: string) => void;
  onDelete: (script: ScriptSummary) => void;
  /** Shown in the body when there are no rows. */
  empty?: React.ReactNode;
}) {
  const t = useTranslations('scripts.table');
  const format = useFormat();
  const now = useNow();
  return (
    <Table data-testid="scripts-table">
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {COLUMNS.map((column) => (
            <TableHead key={column}>{t(`columns.${column}`)}</TableHead>
          ))}
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
        {items.map((script) => (
          <TableRow key={script.id} data-testid={`script-row-${script.id}`} data-name={script.name}>
            <TableCell className="max-w-72">
              <Link
                href={`/scripts/${script.id}`}
                className="block max-w-full truncate font-medium hover:underline"
              >
                {script.name}
              </Link>
              {script.description ? (
                <span className="block truncate text-xs text-muted-foreground">{script.description}</span>
              ) : null}
            </TableCell>
            <TableCell>
              <div className="flex max-w-56 flex-wrap gap-1">
                {script.tags.map((tag) => (
                  <button
                    key={tag}
                    type="button"
                    onClick={() => onTag(tag)}
                    className="rounded border bg-muted/50 px-1.5 py-0.5 text-xs text-muted-foreground hover:text-foreground"
                  >
                    {tag}
                  </button>
                ))}
              </div>
            </TableCell>
            <TableCell className="font-mono text-xs tabular-nums">v{script.latestVersion}</TableCell>
            <TableCell className="text-xs" title={format.dateTime(script.updatedAt)}>
              {format.relativeTime(script.updatedAt, now)}
            </TableCell>
            <TableCell>
              {script.visibility === 'public' ? (
                <ToneBadge tone="sky" data-testid="script-public-badge">
                  {t('public')}
                </ToneBadge>
              ) : (
                <ToneBadge tone="zinc">{t('private')}</ToneBadge>
              )}
            </TableCell>
            <TableCell>
              {canWrite ? (
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={t('delete', { name: script.name })}
                  onClick={() => onDelete(script)}
                >
                  <Trash2 />
                </Button>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function ScriptsTableSkeleton() {
  return (
    <div className="space-y-2 p-3">
      {Array.from({ length: 6 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <Skeleton key={index} className="h-9 w-full" />
      ))}
    </div>
  );
}
