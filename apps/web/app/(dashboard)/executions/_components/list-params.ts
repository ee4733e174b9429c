import {
  type ExecutionStatus,
  type ExecutionTrigger,
  executionStatuses,
  executionTriggers,
} from '@fleetwright/contracts';
import { defineListUrl, type ListPatch, readChoice } from '@/components/common/list-view/list-query';

export { hasFilters } from '@/components/common/list-view/list-query';

export const PAGE_SIZES = [25, 50, 100] as const;

/**
 * The executions history's page and filters as the URL holds them (`?job=…&status=FAILED&from=2026-12-01`):
 * shareable and back-button safe. Dates are calendar days (`YYYY-MM-DD`) in the browser's zone.
 */
export interface ExecutionHistoryParams {
  page: number;
  pageSize: number;
  job?: string;
  status?: ExecutionStatus;
  trigger?: ExecutionTrigger;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | null): string | undefined {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00`)) ? value : undefined;
}

export const executionHistoryUrl = defineListUrl<ExecutionHistoryParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 50,
  readFilters: (searchParams) => {
    const job = searchParams.get('job');
    return {
      job: job && /^[0-9a-f-]{36}$/i.test(job) ? job : undefined,
      status: readChoice(searchParams.get('status'), executionStatuses),
      trigger: readChoice(searchParams.get('trigger'), executionTriggers),
      from: day(searchParams.get('from')),
      to: day(searchParams.get('to')),
    };
  },
});

export const parseExecutionHistoryParams = executionHistoryUrl.parse;
export const patchExecutionHistoryQuery = executionHistoryUrl.patch;

/**
 * The API's instants for the chosen days: `from` is the start of its day, `to` the start of the
 * day after (so "to 7 December" includes all of the 7th), both in the browser's time zone.
 */
export function dayRangeToInstants(from: string | undefined, to: string | undefined) {
  const startOf = (value: string) => new Date(`${value}T00:00`);
  const dayAfter = (value: string) => {
    const date = startOf(value);
    date.setDate(date.getDate() + 1);
    return date;
  };
  return {
    from: from ? startOf(from).toISOString() : undefined,
    to: to ? dayAfter(to).toISOString() : undefined,
  };
}

export type ExecutionHistoryPatch = ListPatch<ExecutionHistoryParams>;

export const NO_FILTERS: ExecutionHistoryPatch = {
  job: undefined,
  status: undefined,
  trigger: undefined,
  from: undefined,
  to: undefined,
};
