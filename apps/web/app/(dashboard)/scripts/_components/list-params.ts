import { defineListUrl, type ListPatch } from '@/components/common/list-view/list-query';
import type { ScriptListParams } from '@/lib/api/query-keys';

export { hasFilters } from '@/components/common/list-view/list-query';

export const PAGE_SIZES = [25, 50, 100] as const;

/** The library's search, tag and page live in the URL (`?q=cookie&tag=qa&page=2`): shareable, back-button safe. */
export const scriptListUrl = defineListUrl<ScriptListParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 25,
  readFilters: (searchParams) => ({
    q: searchParams.get('q')?.trim() || undefined,
    tag: searchParams.get('tag')?.trim() || undefined,
  }),
});

export type ListParamsPatch = ListPatch<ScriptListParams>;
export const parseListParams = scriptListUrl.parse;
export const patchListQuery = scriptListUrl.patch;
