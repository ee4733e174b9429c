import type { MarketplaceListParams, MarketplaceSort } from '@/lib/api/query-keys';

export const MARKETPLACE_SORTS = [
  'downloads',
  'rating',
  'newest',
] as const satisfies readonly MarketplaceSort[];
export const PAGE_SIZES = [24, 48, 96] as const;
const DEFAULT_PAGE_SIZE = 24;
const DEFAULT_SORT: MarketplaceSort = 'downloads';

interface ReadableParams {
  get(name: string): string | null;
}

/** The marketplace's search, tag, sort and page live in the URL (`?q=axe&sort=rating`). */
export function parseListParams(searchParams: ReadableParams): MarketplaceListParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  const sort = searchParams.get('sort');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    q: searchParams.get('q')?.trim() || undefined,
    tag: searchParams.get('tag')?.trim() || undefined,
    sort: MARKETPLACE_SORTS.includes(sort as MarketplaceSort) ? (sort as MarketplaceSort) : DEFAULT_SORT,
  };
}

export type ListParamsPatch = Partial<Record<keyof MarketplaceListParams, string | number | undefined>>;

/** Applies a patch to the current query string; anything but paging goes back to page 1. */
export function patchListQuery(current: string, patch: ListParamsPatch): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  if (!('page' in patch)) params.delete('page');
  if (params.get('page') === '1') params.delete('page');
  if (params.get('pageSize') === String(DEFAULT_PAGE_SIZE)) params.delete('pageSize');
  if (params.get('sort') === DEFAULT_SORT) params.delete('sort');
  return params.toString();
}
