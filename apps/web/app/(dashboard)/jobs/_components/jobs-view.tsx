'use client';

import { CalendarClock, Plus } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ListEmpty, ListFrame, ListToolbar } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Button } from '@/components/ui/button';
import { useCan } from '@/lib/api/accounts';
import { useJobs } from '@/lib/api/jobs';
import { JobsFilters } from './jobs-filters';
import { JobsTable, JobsTableSkeleton } from './jobs-table';
import { hasFilters, jobListUrl, NO_FILTERS, PAGE_SIZES } from './list-params';

/** The organization's jobs: filters (in the URL), the table with its row actions, pages. */
export function JobsView() {
  const t = useTranslations('jobs.list');
  const { params, setParams } = useListParams(jobListUrl);
  const query = useJobs(params);
  const canWrite = useCan('write');

  return (
    <div className="space-y-4">
      <ListToolbar count={query.data ? t('count', { count: query.data.total }) : undefined}>
        <JobsFilters params={params} onChange={setParams} />
      </ListToolbar>
      <ListFrame
        query={query}
        skeleton={<JobsTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PAGE_SIZES}
        onPageChange={setParams}
      >
        <JobsTable
          items={query.data?.items ?? []}
          canWrite={canWrite}
          empty={
            <ListEmpty
              icon={<CalendarClock />}
              filtered={hasFilters(params)}
              noMatch={t('noMatch')}
              clearLabel={t('clearFilters')}
              onClear={() => setParams(NO_FILTERS)}
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
          }
        />
      </ListFrame>
    </div>
  );
}
