'use client';

import type * as React from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/** What the frame reads of a list's TanStack query. */
interface ListQuery {
  isPending: boolean;
  isError: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  data?: { total: number };
  refetch: () => unknown;
}

/**
 * A paged list's card: the table's skeleton while the first page loads, the failure with a retry
 * when there is nothing to show, else the table (dimmed while the next page loads) and its pages.
 */
export function ListFrame({
  query,
  skeleton,
  loadFailed,
  page,
  pageSize,
  pageSizes,
  onPageChange,
  children,
}: {
  query: ListQuery;
  /** The table's own skeleton, so the page does not jump when the rows arrive. */
  skeleton: React.ReactNode;
  /** The failure's title. */
  loadFailed: string;
  page: number;
  pageSize: number;
  /** The choices of "Rows per page". */
  pageSizes: readonly number[];
  onPageChange: (patch: { page: number } | { pageSize: number }) => void;
  /** The table, with its empty state. */
  children: React.ReactNode;
}) {
  const total = query.data?.total ?? 0;
  return (
    <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
      {query.isPending ? (
        skeleton
      ) : query.isError && !query.data ? (
        <ErrorState error={query.error} title={loadFailed} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {children}
          {total > 0 ? (
            <div className="border-t">
              <Pagination
                page={page}
                pageSize={pageSize}
                pageSizes={pageSizes}
                total={total}
                onPageChange={(next) => onPageChange({ page: next })}
                onPageSizeChange={(next) => onPageChange({ pageSize: next })}
              />
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

/**
 * What an empty list says: with filters, that nothing matches (and, given `onClear`, a button to
 * clear them); without, what the list is for and how to add the first item.
 */
export function ListEmpty({
  icon,
  filtered,
  noMatch,
  clearLabel,
  onClear,
  title,
  description,
  action,
}: {
  icon: React.ReactNode;
  filtered: boolean;
  noMatch: string;
  clearLabel?: string;
  onClear?: () => void;
  title: string;
  description?: string;
  action?: React.ReactNode;
}) {
  if (filtered) {
    return (
      <EmptyState
        icon={icon}
        title={noMatch}
        action={
          onClear ? (
            <Button variant="outline" size="sm" onClick={onClear}>
              {clearLabel}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return <EmptyState icon={icon} title={title} description={description} action={action} />;
}

/** Above a list: its filters, and how many items they match once known. */
export function ListToolbar({
  count,
  className,
  children,
  ...props
}: { count?: string } & React.ComponentProps<'div'>) {
  return (
    <div className={cn('flex flex-wrap items-center justify-between gap-2', className)} {...props}>
      {children}
      {count !== undefined ? <span className="text-xs text-muted-foreground">{count}</span> : null}
    </div>
  );
}
