import type { ScriptListParams } from '@/lib/api/query-keys';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

interface ReadableParams {
  get(name: string): string | null;
}

/** The library's search, tag and page live in the URL (`?q=cookie&tag=qa&page=2`): shareable, back-button safe. */
export function parseListParams(searchParams: ReadableParams): ScriptListParams {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    q: searchParams.get('q')?.trim() || undefined,
    tag: searchParams.get('tag')?.trim() || undefined,
  };
}

export type ListParamsPatch = Partial<Record<keyof ScriptListParams, string | number | undefined>>;

export function hasFilters(params: ScriptListParams): boolean {
  return params.q !== undefined || params.tag !== undefined;
}

/** Applies a patch to the current query string; a search or tag change goes back to page 1. */
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
