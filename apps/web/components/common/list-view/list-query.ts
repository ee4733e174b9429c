/** What a list's parser reads: `URLSearchParams`, or Next's `ReadonlyURLSearchParams`. */
export interface ReadableParams {
  get(name: string): string | null;
}

/** A change to a list's URL query: `undefined` or '' removes the parameter. */
export type ListPatch<P> = Partial<Record<keyof P, string | number | undefined>>;

/** How one list keeps its page and filters in the URL: each page's `list-params.ts` defines one. */
export interface ListUrl<P> {
  /** The list's params from the URL; values the API would refuse are dropped. */
  parse(searchParams: ReadableParams): P;
  /** The query string after a change, from the current one. */
  patch(current: string, patch: ListPatch<P>): string;
}

interface Paging {
  page: number;
  pageSize: number;
}

/**
 * A list's URL from its paging and its filters. Anything but paging goes back to page 1, and
 * values equal to their default stay out of the URL: one list, one address.
 */
export function defineListUrl<P extends Paging>(options: {
  /** The choices of "Rows per page". */
  pageSizes: readonly number[];
  defaultPageSize: number;
  /** The filters in the URL, without the values the API would refuse. */
  readFilters: (searchParams: ReadableParams) => Omit<P, keyof Paging>;
  /** Filter values that are the default and so not written (`{ sort: 'downloads' }`). */
  defaults?: Record<string, string>;
}): ListUrl<P> {
  const defaults = { page: '1', pageSize: String(options.defaultPageSize), ...options.defaults };
  return {
    parse: (searchParams) =>
      ({
        page: readPage(searchParams),
        pageSize: readPageSize(searchParams, options.pageSizes, options.defaultPageSize),
        ...options.readFilters(searchParams),
      }) as P,
    patch: (current, patch) => patchQuery(current, patch, defaults),
  };
}

/** The page in the URL: a whole number from 1, else the first page. */
export function readPage(searchParams: ReadableParams): number {
  const page = Number.parseInt(searchParams.get('page') ?? '', 10);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The rows per page in the URL when the list offers that size, else its default. */
export function readPageSize(
  searchParams: ReadableParams,
  pageSizes: readonly number[],
  defaultPageSize: number,
): number {
  const pageSize = Number.parseInt(searchParams.get('pageSize') ?? '', 10);
  return pageSizes.includes(pageSize) ? pageSize : defaultPageSize;
}

/** One of a fixed set of values (a status, a kind), or undefined for anything else. */
export function readChoice<T extends string>(value: string | null, choices: readonly T[]): T | undefined {
  return choices.includes(value as T) ? (value as T) : undefined;
}

/**
 * Applies a patch to a query string. Anything but paging goes back to page 1, and a parameter
 * equal to its default (`{ page: '1', pageSize: '50' }`) is left out: one list, one URL.
 */
export function patchQuery(
  current: string,
  patch: Record<string, string | number | undefined>,
  defaults: Record<string, string>,
): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  if (!('page' in patch)) params.delete('page');
  for (const [key, value] of Object.entries(defaults)) {
    if (params.get(key) === value) params.delete(key);
  }
  return params.toString();
}

/**
 * The queries a list asked the router for that the URL does not show yet. `router.replace` lands
 * after the server's payload and a render, so a second change made before then (a quick filter
 * while the search is on its way) must build on the first one's query, not on the address bar.
 */
export class PendingQueries {
  #asked: string[] = [];
  #shown: string | undefined;

  /** The query the next change builds on: the last one asked for, else the URL's. */
  base(shown: string): string {
    return this.#asked.at(-1) ?? shown;
  }

  ask(query: string): void {
    this.#asked.push(query);
  }

  /**
   * The URL shows `query`. When that is news, it and every earlier request are done; a query
   * nobody asked for (back button, a link) ends them all: the router dropped them for it.
   */
  shown(query: string): void {
    if (query === this.#shown) return;
    this.#shown = query;
    const index = this.#asked.indexOf(query);
    this.#asked = index === -1 ? [] : this.#asked.slice(index + 1);
  }
}

/** A list's filters: its params but the page and the rows per page. */
export function filtersOf<P extends { page: number; pageSize: number }>({
  page: _page,
  pageSize: _pageSize,
  ...filters
}: P): Omit<P, 'page' | 'pageSize'> {
  return filters;
}

/** Whether any filter narrows the list (and "Clear" has something to clear). */
export function hasFilters<P extends { page: number; pageSize: number }>(params: P): boolean {
  return Object.values(filtersOf(params)).some((value) => value !== undefined);
}
