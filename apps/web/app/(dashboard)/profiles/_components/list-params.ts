import { defineListUrl } from '@/components/common/list-view/list-query';

export interface ProfileListParams {
  page: number;
  pageSize: number;
}

export const PROFILE_PAGE_SIZES = [25, 50, 100] as const;

/** /profiles?page=&pageSize=: profiles have no filters, only pages. */
export const profileListUrl = defineListUrl<ProfileListParams>({
  pageSizes: PROFILE_PAGE_SIZES,
  defaultPageSize: 25,
  readFilters: () => ({}),
});
