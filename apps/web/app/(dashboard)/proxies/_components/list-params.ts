import { proxyProtocols, proxyStatuses } from '@fleetwright/contracts';
import {
  defineListUrl,
  filtersOf,
  type ListPatch,
  readChoice,
} from '@/components/common/list-view/list-query';
import type { ProxyListParams } from '@/lib/api/query-keys';

export { hasFilters } from '@/components/common/list-view/list-query';

export const PAGE_SIZES = [25, 50, 100] as const;

/** The list's page and filters live in the URL (`?status=DOWN&country=DE&page=2`): shareable, back-button safe. */
export const proxyListUrl = defineListUrl<ProxyListParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 50,
  readFilters: (searchParams) => {
    const country = searchParams.get('country')?.toUpperCase();
    return {
      status: readChoice(searchParams.get('status'), proxyStatuses),
      protocol: readChoice(searchParams.get('protocol'), proxyProtocols),
      country: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
      tag: searchParams.get('tag') || undefined,
      search: searchParams.get('search') || undefined,
    };
  },
});

export type ListParamsPatch = ListPatch<ProxyListParams>;
export const parseListParams = proxyListUrl.parse;
export const patchListQuery = proxyListUrl.patch;

export const NO_FILTERS: ListParamsPatch = {
  status: undefined,
  protocol: undefined,
  country: undefined,
  tag: undefined,
  search: undefined,
};

/** The filters of the list, as the bulk routes take them (no page). */
export function filterOf(params: ProxyListParams) {
  return filtersOf(params);
}
