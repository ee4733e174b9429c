import {
  type ExecutionStatus,
  type ExecutionTrigger,
  executionStatuses,
  executionTriggers,
} from '@fleetwright/contracts';
import type { ListUrl } from '@/components/common/list-view/use-list-params';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

interface ReadableParams {
  get(name: string): string | null;
}

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

export function parseExecutionHistoryParams(searchParams: ReadableParams): ExecutionHistoryParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  const status = searchParams.get('status');
  const trigger = searchParams.get('trigger');
  const job = searchParams.get('job');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    job: job && /^[0-9a-f-]{36}$/i.test(job) ? job : undefined,
    status: executionStatuses.includes(status as ExecutionStatus) ? (status as ExecutionStatus) : undefined,
    trigger: executionTriggers.includes(trigger as ExecutionTrigger)
      ? (trigger as ExecutionTrigger)
      : undefined,
    from: day(searchParams.get('from')),
    to: day(searchParams.get('to')),
  };
}

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

export type ExecutionHistoryPatch = Partial<
  Record<keyof ExecutionHistoryParams, string | number | undefined>
>;

export const NO_FILTERS: ExecutionHistoryPatch = {
  job: undefined,
  status: undefined,
  trigger: undefined,
  from: undefined,
  to: undefined,
};

export function hasFilters({
  page: _page,
  pageSize: _pageSize,
  ...filters
}: ExecutionHistoryParams): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** Applies a patch to the current query string; any filter change goes back to page 1. */
export function patchExecutionHistoryQuery(current: string, patch: ExecutionHistoryPatch): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  if (!('page' in patch)) params.delete('page');
  if (params.get('page') === '1') params.delete('page');
  if (params.get('pageSize') === String(DEFAULT_PAGE_SIZE)) params.delete('pageSize');
  return params.toString();
}

export const executionHistoryUrl: ListUrl<ExecutionHistoryParams> = {
  parse: parseExecutionHistoryParams,
  patch: patchExecutionHistoryQuery,
};
