'use client';

import type { Worker } from '@fleetwright/contracts';
import { MonitorPlay, Plus } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useCan } from '@/lib/api/accounts';
import { useSessions } from '@/lib/api/sessions';
import { useWorkers } from '@/lib/api/workers';
import { cn } from '@/lib/utils';
import { BulkActions } from './bulk-actions';
import { type ListParamsPatch, PAGE_SIZES, parseListParams, patchListQuery } from './list-params';
import { SessionsFilters } from './sessions-filters';
import { SessionsTable, SessionsTableSkeleton } from './sessions-table';

export function SessionsView() {
  const t = useTranslations('sessions.list');
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = parseListParams(searchParams);
  const paramsKey = JSON.stringify(params);

  const query = useSessions(params);
  const canWrite = useCan('write');
  const workers = useWorkers();
  const workersById = useMemo(
    () => new Map<string, Worker>((workers.data ?? []).map((worker) => [worker.id, worker])),
    [workers.data],
  );

  // A selection belongs to one page with one set of filters.
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [selectionKey, setSelectionKey] = useState(paramsKey);
  if (selectionKey !== paramsKey) {
    setSelectionKey(paramsKey);
    setSelected(new Set());
  }

  const setParams = (patch: ListParamsPatch) => {
    // Read the live URL, not this render's copy: debounced inputs commit after other changes.
    const next = patchListQuery(window.location.search, patch);
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };

  const items = query.data?.items ?? [];
  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const hasFilters = Boolean(params.status || params.tag || params.search);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <SessionsFilters params={params} onChange={setParams} />
        {query.data ? (
          <span className="text-xs text-muted-foreground">{t('count', { count: query.data.total })}</span>
        ) : null}
      </div>
      {canWrite && selectedIds.length > 0 ? (
        <BulkActions ids={selectedIds} onDone={() => setSelected(new Set())} />
      ) : null}
      <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
        {query.isPending ? (
          <SessionsTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <SessionsTable
              items={items}
              selected={selected}
              onSelectedChange={setSelected}
              workersById={workersById}
              onTagClick={(tag) => setParams({ tag })}
              empty={
                hasFilters ? (
                  <EmptyState
                    icon={<MonitorPlay />}
                    title={t('noMatch')}
                    action={
                      <Button
                        variant="outline"
                        size="sm"
                        onClick={() => setParams({ status: undefined, tag: undefined, search: undefined })}
                      >
                        {t('clearFilters')}
                      </Button>
                    }
                  />
                ) : (
                  <EmptyState
                    icon={<MonitorPlay />}
                    title={t('emptyTitle')}
                    description={t('emptyDescription')}
                    action={
                      canWrite ? (
                        <Button asChild size="sm">
                          <Link href="/sessions/new">
                            <Plus />
                            {t('newSession')}
                          </Link>
                        </Button>
                      ) : undefined
                    }
                  />
                )
              }
            />
            {(query.data?.total ?? 0) > 0 ? (
              <div className="border-t">
                <Pagination
                  page={params.page}
                  pageSize={params.pageSize}
                  pageSizes={PAGE_SIZES}
                  total={query.data?.total ?? 0}
                  onPageChange={(page) => setParams({ page })}
                  onPageSizeChange={(pageSize) => setParams({ pageSize })}
                />
              </div>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
