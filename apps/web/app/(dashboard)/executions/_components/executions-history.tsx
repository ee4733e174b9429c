'use client';

import { executionStatuses, executionTriggers } from '@fleetwright/contracts';
import { X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ListFrame } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useCan } from '@/lib/api/accounts';
import { useExecutions } from '@/lib/api/executions';
import { useJobs } from '@/lib/api/jobs';
import { ExecutionsTable, ExecutionsTableSkeleton } from '../../jobs/[id]/_components/executions-table';
import {
  dayRangeToInstants,
  type ExecutionHistoryParams,
  type ExecutionHistoryPatch,
  executionHistoryUrl,
  hasFilters,
  NO_FILTERS,
  PAGE_SIZES,
} from './list-params';

/** The job filter lists this many jobs by name (the API's page limit); more are reached from a job's page. */
const JOB_CHOICES = 200;

/** Every execution of the organization, newest first: filters in the URL, pages, links to each. */
export function ExecutionsHistory() {
  const t = useTranslations('executions.history');
  const { params, setParams } = useListParams(executionHistoryUrl);
  const query = useExecutions({
    page: params.page,
    pageSize: params.pageSize,
    jobId: params.job,
    status: params.status,
    trigger: params.trigger,
    ...dayRangeToInstants(params.from, params.to),
  });
  const canWrite = useCan('write');

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <HistoryFilters params={params} onChange={setParams} />
        {query.data ? (
          <span className="text-xs text-muted-foreground" data-testid="executions-count">
            {t('count', { count: query.data.total })}
          </span>
        ) : null}
      </div>
      <ListFrame
        query={query}
        skeleton={<ExecutionsTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PAGE_SIZES}
        onPageChange={setParams}
      >
        <div className="overflow-x-auto">
          <ExecutionsTable items={query.data?.items ?? []} canWrite={canWrite} showJob />
        </div>
      </ListFrame>
    </div>
  );
}

function HistoryFilters({
  params,
  onChange,
}: {
  params: ExecutionHistoryParams;
  onChange: (patch: ExecutionHistoryPatch) => void;
}) {
  const t = useTranslations('executions.history');
  const statuses = useTranslations('executionStatus');
  const triggers = useTranslations('jobs.triggers');
  const jobs = useJobs({ page: 1, pageSize: JOB_CHOICES });
  return (
    <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto sm:flex-wrap sm:items-end">
      <div className="col-span-2 grid gap-1 text-xs sm:w-56">
        <Label htmlFor="executions-job" className="text-xs font-normal">
          {t('job')}
        </Label>
        <NativeSelect
          id="executions-job"
          name="job"
          value={params.job ?? ''}
          onChange={(event) => onChange({ job: event.target.value })}
        >
          <option value="">{t('allJobs')}</option>
          {jobs.data?.items.map((job) => (
            <option key={job.id} value={job.id}>
              {job.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1 text-xs sm:w-36">
        <Label htmlFor="executions-status" className="text-xs font-normal">
          {t('status')}
        </Label>
        <NativeSelect
          id="executions-status"
          name="status"
          value={params.status ?? ''}
          onChange={(event) => onChange({ status: event.target.value })}
        >
          <option value="">{t('allStatuses')}</option>
          {executionStatuses.map((status) => (
            <option key={status} value={status}>
              {statuses(status)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1 text-xs sm:w-36">
        <Label htmlFor="executions-trigger" className="text-xs font-normal">
          {t('trigger')}
        </Label>
        <NativeSelect
          id="executions-trigger"
          name="trigger"
          value={params.trigger ?? ''}
          onChange={(event) => onChange({ trigger: event.target.value })}
        >
          <option value="">{t('allTriggers')}</option>
          {executionTriggers.map((trigger) => (
            <option key={trigger} value={trigger}>
              {triggers(trigger)}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid min-w-0 gap-1 text-xs sm:w-40">
        <Label htmlFor="executions-from" className="text-xs font-normal">
          {t('from')}
        </Label>
        <Input
          type="date"
          id="executions-from"
          name="from"
          value={params.from ?? ''}
          max={params.to}
          onChange={(event) => onChange({ from: event.target.value })}
        />
      </div>
      <div className="grid min-w-0 gap-1 text-xs sm:w-40">
        <Label htmlFor="executions-to" className="text-xs font-normal">
          {t('to')}
        </Label>
        <Input
          type="date"
          id="executions-to"
          name="to"
          value={params.to ?? ''}
          min={params.from}
          onChange={(event) => onChange({ to: event.target.value })}
        />
      </div>
      {hasFilters(params) ? (
        <Button
          variant="ghost"
          size="sm"
          className="col-span-2 justify-self-start"
          onClick={() => onChange(NO_FILTERS)}
        >
          <X />
          {t('clearFilters')}
        </Button>
      ) : null}
    </div>
  );
}
