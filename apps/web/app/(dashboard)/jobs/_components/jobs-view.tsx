'use client';

import { CalendarClock, Plus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useCan } from '@/lib/api/accounts';
import { useJobs } from '@/lib/api/jobs';
import { cn } from '@/lib/utils';
import { JobsFilters } from './jobs-filters';
import { JobsTable, JobsTableSkeleton } from './jobs-table';
import { hasFilters, jobListUrl, NO_FILTERS, PAGE_SIZES } from './list-params';

/** The organization's jobs: filters (in the URL), the table with its row actions, pages. */
export function JobsView() {
  const t = useTranslations('jobs.list');
  const { params, setParams } = useListParams(jobListUrl);
  const query = useJobs(params);
  const canWrite = useCan('write');

  const filtered = hasFilters(params);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <JobsFilters params={params} onChange={setParams} />
        {query.data ? (
          <span className="text-xs text-muted-foreground">{t('count', { count: query.data.total })}</span>
        ) : null}
      </div>
      <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
        {query.isPending ? (
          <JobsTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <JobsTable
              items={query.data?.items ?? []}
              canWrite={canWrite}
              empty={
                filtered ? (
                  <EmptyState
                    icon={<CalendarClock />}
                    title={t('noMatch')}
                    action={
                      <Button variant="outline" size="sm" onClick={() => setParams(NO_FILTERS)}>
                        {t('clearFilters')}
                      </Button>
                    }
                  />
                ) : (
                  <EmptyState
                    icon={<CalendarClock />}
                    title={t('emptyTitle')}
                    description={t('emptyDescription')}
                    action={
                      canWrite ? (
                        <Button asChild size="sm">
                          <Link href="/jobs/new">
                            <Plus />
                            {t('newJob')}
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
