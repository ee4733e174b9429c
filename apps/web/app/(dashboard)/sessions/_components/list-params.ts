import { sessionStatuses } from '@fleetwright/contracts';
import { defineListUrl, type ListPatch, readChoice } from '@/components/common/list-view/list-query';
import type { SessionListParams } from '@/lib/api/query-keys';

export { hasFilters } from '@/components/common/list-view/list-query';

export const PAGE_SIZES = [25, 50, 100] as const;

/** The list's page and filters live in the URL (`?status=RUNNING&tag=eu&page=2`): shareable, back-button safe. */
export const sessionListUrl = defineListUrl<SessionListParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 50,
  readFilters: (searchParams) => ({
    status: readChoice(searchParams.get('status'), sessionStatuses),
    tag: searchParams.get('tag') || undefined,
    search: searchParams.get('search') || undefined,
  }),
});

export type ListParamsPatch = ListPatch<SessionListParams>;

export const NO_FILTERS: ListParamsPatch = { status: undefined, tag: undefined, search: undefined };
