import { type SessionStatus, sessionStatuses } from '@fleetwright/contracts';
import type { SessionListParams } from '@/lib/api/query-keys';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

interface ReadableParams {
  get(name: string): string | null;
}

/** The list's page and filters live in the URL (`?status=RUNNING&tag=eu&page=2`): shareable, back-button safe. */
export function parseListParams(searchParams: ReadableParams): SessionListParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  const status = searchParams.get('status');
  const tag = searchParams.get('tag');
  const search = searchParams.get('search');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    status: sessionStatuses.includes(status as SessionStatus) ? (status as SessionStatus) : undefined,
    tag: tag || undefined,
    search: search || undefined,
  };
}

export type ListParamsPatch = Partial<Record<keyof SessionListParams, string | number | undefined>>;

/** Applies a patch to the current query string; any filter change goes back to page 1. */
export function patchListQuery(current: string, patch: ListParamsPatch): string {
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
