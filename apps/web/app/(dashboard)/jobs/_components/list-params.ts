import { jobKinds } from '@fleetwright/contracts';
import { defineListUrl, type ListPatch, readChoice } from '@/components/common/list-view/list-query';
import type { JobListParams } from '@/lib/api/query-keys';

export { hasFilters } from '@/components/common/list-view/list-query';

export const PAGE_SIZES = [25, 50, 100] as const;

/** The list's page and filters live in the URL (`?kind=flow&paused=true&page=2`): shareable, back-button safe. */
export const jobListUrl = defineListUrl<JobListParams>({
  pageSizes: PAGE_SIZES,
  defaultPageSize: 50,
  readFilters: (searchParams) => {
    const paused = searchParams.get('paused');
    return {
      q: searchParams.get('q') || undefined,
      kind: readChoice(searchParams.get('kind'), jobKinds),
      paused: paused === 'true' ? true : paused === 'false' ? false : undefined,
      tag: searchParams.get('tag') || undefined,
    };
  },
});

export type JobListPatch = ListPatch<JobListParams>;

export const NO_FILTERS: JobListPatch = { q: undefined, kind: undefined, paused: undefined, tag: undefined };

export const parseJobListParams = jobListUrl.parse;
export const patchJobListQuery = jobListUrl.patch;
