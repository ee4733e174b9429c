'use client';

import { Download, ScrollText } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { auditLogCsvUrl, useAuditLogs } from '@/lib/api/audit-logs';
import type { AuditLogListParams } from '@/lib/api/query-keys';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value';
import { cn } from '@/lib/utils';
import { AuditLogFilters, type AuditLogFilterValues, NO_FILTERS } from './audit-log-filters';
import { AuditLogTable, AuditLogTableSkeleton } from './audit-log-table';

const PAGE_SIZES = [25, 50, 100] as const;
/** Typing pauses this long before the actor filter asks the server. */
const TYPING_DELAY_MS = 300;

/** A day picked in the browser's time zone, as the instant it starts or ends. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const time = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

export function AuditLogView() {
  const t = useTranslations('auditLog');
  const [filters, setFilters] = useState<AuditLogFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState<number>(50);
  const actor = useDebouncedValue(filters.actor.trim(), TYPING_DELAY_MS);

  const filter: Omit<AuditLogListParams, 'page' | 'pageSize'> = {
    action: filters.action,
    actor: actor || undefined,
    since: dayBoundary(filters.since, false),
    until: dayBoundary(filters.until, true),
  };
  const query = useAuditLogs({ ...filter, page, pageSize });
  const hasFilters = Boolean(filter.action || filter.actor || filter.since || filter.until);

  const changeFilters = (patch: Partial<AuditLogFilterValues>) => {
    setFilters((current) => ({ ...current, ...patch }));
    setPage(1);
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <AuditLogFilters values={filters} onChange={changeFilters} />
        <div className="flex items-center gap-3">
          {query.data ? (
            <span className="text-xs text-muted-foreground">{t('count', { count: query.data.total })}</span>
          ) : null}
          <Button asChild variant="outline" size="sm">
            {/* A plain download: same origin, so the session cookie goes along. */}
            <a href={auditLogCsvUrl(filter)} download data-testid="audit-log-export">
              <Download />
              {t('export')}
            </a>
          </Button>
        </div>
      </div>
      <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
        {query.isPending ? (
          <AuditLogTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <AuditLogTable
              items={query.data.items}
              empty={<EmptyState icon={<ScrollText />} title={hasFilters ? t('noMatch') : t('empty')} />}
            />
            {query.data.total > 0 ? (
              <div className="border-t">
                <Pagination
                  page={page}
                  pageSize={pageSize}
                  pageSizes={PAGE_SIZES}
                  total={query.data.total}
                  onPageChange={setPage}
                  onPageSizeChange={(size) => {
                    setPageSize(size);
                    setPage(1);
                  }}
                />
              </div>
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
