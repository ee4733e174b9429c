import { type ProxyProtocol, type ProxyStatus, proxyProtocols, proxyStatuses } from '@fleetwright/contracts';
import type { ProxyListParams } from '@/lib/api/query-keys';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

interface ReadableParams {
  get(name: string): string | null;
}

/** The list's page and filters live in the URL (`?status=DOWN&country=DE&page=2`): shareable, back-button safe. */
export function parseListParams(searchParams: ReadableParams): ProxyListParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  const status = searchParams.get('status');
  const protocol = searchParams.get('protocol');
  const country = searchParams.get('country')?.toUpperCase();
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    status: proxyStatuses.includes(status as ProxyStatus) ? (status as ProxyStatus) : undefined,
    protocol: proxyProtocols.includes(protocol as ProxyProtocol) ? (protocol as ProxyProtocol) : undefined,
    country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    tag: searchParams.get('tag') || undefined,
    search: searchParams.get('search') || undefined,
  };
}

export type ListParamsPatch = Partial<Record<keyof ProxyListParams, string | number | undefined>>;

export const NO_FILTERS: ListParamsPatch = {
  status: undefined,
  protocol: undefined,
  country: undefined,
  tag: undefined,
  search: undefined,
};

/** The filters of the list, as the bulk routes take them (no page). */
export function filterOf({ page: _page, pageSize: _pageSize, ...filter }: ProxyListParams) {
  return filter;
}

export function hasFilters(params: ProxyListParams): boolean {
  return Object.values(filterOf(params)).some((value) => value !== undefined);
}

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
