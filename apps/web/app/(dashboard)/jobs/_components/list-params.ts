import { type JobKind, jobKinds } from '@fleetwright/contracts';
import type { ListUrl } from '@/components/common/list-view/use-list-params';
import type { JobListParams } from '@/lib/api/query-keys';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

interface ReadableParams {
  get(name: string): string | null;
}

/** The list's page and filters live in the URL (`?kind=flow&paused=true&page=2`): shareable, back-button safe. */
export function parseJobListParams(searchParams: ReadableParams): JobListParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  const kind = searchParams.get('kind');
  const paused = searchParams.get('paused');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    q: searchParams.get('q') || undefined,
    kind: jobKinds.includes(kind as JobKind) ? (kind as JobKind) : undefined,
    paused: paused === 'true' ? true : paused === 'false' ? false : undefined,
    tag: searchParams.get('tag') || undefined,
  };
}

export type JobListPatch = Partial<Record<keyof JobListParams, string | number | undefined>>;

export const NO_FILTERS: JobListPatch = { q: undefined, kind: undefined, paused: undefined, tag: undefined };

export function hasFilters({ page: _page, pageSize: _pageSize, ...filters }: JobListParams): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** Applies a patch to the current query string; any filter change goes back to page 1. */
export function patchJobListQuery(current: string, patch: JobListPatch): string {
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

export const jobListUrl: ListUrl<JobListParams> = { parse: parseJobListParams, patch: patchJobListQuery };
