'use client';

import type { Worker } from '@fleetwright/contracts';
import { MonitorPlay, Plus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { ListEmpty, ListFrame, ListToolbar } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Button } from '@/components/ui/button';
import { useCan } from '@/lib/api/accounts';
import { useSessions } from '@/lib/api/sessions';
import { useWorkers } from '@/lib/api/workers';
import { BulkActions } from './bulk-actions';
import { hasFilters, NO_FILTERS, PAGE_SIZES, sessionListUrl } from './list-params';
import { SessionsFilters } from './sessions-filters';
import { SessionsTable, SessionsTableSkeleton } from './sessions-table';

export function SessionsView() {
  const t = useTranslations('sessions.list');
  const { params, setParams } = useListParams(sessionListUrl);
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

  const items = query.data?.items ?? [];
  const selectedIds = items.filter((item) => selected.has(item.id)).map((item) => item.id);

  return (
    <div className="space-y-3">
      <ListToolbar count={query.data ? t('count', { count: query.data.total }) : undefined}>
        <SessionsFilters params={params} onChange={setParams} />
      </ListToolbar>
      {canWrite && selectedIds.length > 0 ? (
        <BulkActions ids={selectedIds} onDone={() => setSelected(new Set())} />
      ) : null}
      <ListFrame
        query={query}
        skeleton={<SessionsTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PAGE_SIZES}
        onPageChange={setParams}
      >
        <SessionsTable
          items={items}
          selected={selected}
          onSelectedChange={setSelected}
          workersById={workersById}
          onTagClick={(tag) => setParams({ tag })}
          empty={
            <ListEmpty
              icon={<MonitorPlay />}
              filtered={hasFilters(params)}
              noMatch={t('noMatch')}
              clearLabel={t('clearFilters')}
              onClear={() => setParams(NO_FILTERS)}
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
          }
        />
      </ListFrame>
    </div>
  );
}
