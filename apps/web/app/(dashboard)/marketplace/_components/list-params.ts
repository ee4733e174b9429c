import { defineListUrl, type ListPatch, readChoice } from '@/components/common/list-view/list-query';
import type { MarketplaceListParams, MarketplaceSort } from '@/lib/api/query-keys';

export const MARKETPLACE_SORTS = [
  'downloads',
  'rating',
  'newest',
] as const satisfies readonly MarketplaceSort[];
export const PAGE_SIZES = [24, 48, 96] as const;
const DEFAULT_SORT: MarketplaceSort = 'downloads';

/** The marketplace's search, tag, sort and page live in the URL (`?q=axe&sort=rating`). */
export const marketplaceListUrl = defineListUrl<MarketplaceListParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 24,
  readFilters: (searchParams) => ({
    q: searchParams.get('q')?.trim() || undefined,
    tag: searchParams.get('tag')?.trim() || undefined,
    sort: readChoice(searchParams.get('sort'), MARKETPLACE_SORTS) ?? DEFAULT_SORT,
  }),
  defaults: { sort: DEFAULT_SORT },
});

export type ListParamsPatch = ListPatch<MarketplaceListParams>;
export const parseListParams = marketplaceListUrl.parse;
export const patchListQuery = marketplaceListUrl.patch;
