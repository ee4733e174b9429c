import { describe, expect, it } from 'vitest';
import {
  defineListUrl,
  filtersOf,
  hasFilters,
  PendingQueries,
  patchQuery,
  readChoice,
  readPage,
  readPageSize,
} from './list-query';

const DEFAULTS = { page: '1', pageSize: '50' };

describe('a list in the URL', () => {
  it('reads the page and the rows per page, and falls back for values the list does not offer', () => {
    const url = (query: string) => new URLSearchParams(query);
    expect(readPage(url('page=3'))).toBe(3);
    expect(readPage(url('page=-1'))).toBe(1);
    expect(readPage(url('page=two'))).toBe(1);
    expect(readPageSize(url('pageSize=100'), [25, 50, 100], 50)).toBe(100);
    expect(readPageSize(url('pageSize=7'), [25, 50, 100], 50)).toBe(50);
    expect(readPageSize(url(''), [25, 50, 100], 25)).toBe(25);
  });

  it('keeps a choice only when it is one of the list', () => {
    expect(readChoice('FAILED', ['FAILED', 'SUCCEEDED'] as const)).toBe('FAILED');
    expect(readChoice('LOST', ['FAILED', 'SUCCEEDED'] as const)).toBeUndefined();
    expect(readChoice(null, ['FAILED'] as const)).toBeUndefined();
  });

  it('goes back to the first page on a filter change, keeps the page when paging, and leaves defaults out', () => {
    expect(patchQuery('status=DOWN&page=4', { tag: 'eu' }, DEFAULTS)).toBe('status=DOWN&tag=eu');
    expect(patchQuery('tag=eu', { page: 2 }, DEFAULTS)).toBe('tag=eu&page=2');
    expect(patchQuery('tag=eu&page=2', { page: 1 }, DEFAULTS)).toBe('tag=eu');
    expect(patchQuery('tag=eu&pageSize=100', { tag: '', pageSize: 50 }, DEFAULTS)).toBe('');
    expect(patchQuery('?q=a+b', { kind: 'flow' }, DEFAULTS)).toBe('q=a+b&kind=flow');
  });

  it('leaves a default other than paging out of the URL too (a sort)', () => {
    const defaults = { ...DEFAULTS, sort: 'downloads' };
    expect(patchQuery('sort=rating&page=3', { sort: 'downloads' }, defaults)).toBe('');
    expect(patchQuery('q=axe', { sort: 'newest' }, defaults)).toBe('q=axe&sort=newest');
  });

  it('tells the filters from the paging', () => {
    const params = { page: 2, pageSize: 50, status: 'DOWN', tag: undefined };
    expect(filtersOf(params)).toEqual({ status: 'DOWN', tag: undefined });
    expect(hasFilters(params)).toBe(true);
    expect(hasFilters({ ...params, status: undefined })).toBe(false);
  });
});

describe('a list URL defined from its paging and filters', () => {
  const url = defineListUrl<{ page: number; pageSize: number; status?: 'UP' | 'DOWN'; sort: string }>({
    pageSizes: [25, 50],
    defaultPageSize: 25,
    readFilters: (searchParams) => ({
      status: readChoice(searchParams.get('status'), ['UP', 'DOWN'] as const),
      sort: searchParams.get('sort') ?? 'name',
    }),
    defaults: { sort: 'name' },
  });

  it('parses the paging with the filters, and drops what the list does not know', () => {
    expect(url.parse(new URLSearchParams('status=DOWN&page=2&pageSize=50&sort=age'))).toEqual({
      page: 2,
      pageSize: 50,
      status: 'DOWN',
      sort: 'age',
    });
    expect(url.parse(new URLSearchParams('status=GONE&pageSize=7'))).toEqual({
      page: 1,
      pageSize: 25,
      status: undefined,
      sort: 'name',
    });
  });

  it('writes its own defaults out of the URL', () => {
    expect(url.patch('status=UP&page=3', { sort: 'name', pageSize: 25 })).toBe('status=UP');
    expect(url.patch('status=UP', { pageSize: 50 })).toBe('status=UP&pageSize=50');
  });
});

describe('changes that the URL does not show yet (issue 11)', () => {
  it('builds a second change on the first one while the address bar still shows neither', () => {
    const pending = new PendingQueries();
    const search = patchQuery(pending.base(''), { q: 'heading' }, DEFAULTS);
    pending.ask(search);
    // The kind is picked before the router reached `?q=heading`: the address is still empty.
    const both = patchQuery(pending.base(''), { kind: 'flow' }, DEFAULTS);
    expect(both).toBe('q=heading&kind=flow');
  });

  it('reads the URL again once it shows the last change', () => {
    const pending = new PendingQueries();
    pending.ask('q=a');
    pending.ask('q=a&kind=flow');
    pending.shown('q=a');
    expect(pending.base('q=a')).toBe('q=a&kind=flow');
    pending.shown('q=a&kind=flow');
    expect(pending.base('q=b')).toBe('q=b');
  });

  it('keeps waiting when a list mounted again reports the URL it already knew', () => {
    const pending = new PendingQueries();
    pending.shown('');
    pending.ask('q=heading');
    pending.shown('');
    expect(pending.base('')).toBe('q=heading');
  });

  it('drops what it waited for when the URL goes somewhere nobody asked (the back button)', () => {
    const pending = new PendingQueries();
    pending.shown('');
    pending.ask('status=FAILED');
    pending.shown('tag=eu');
    expect(pending.base('tag=eu')).toBe('tag=eu');
  });
});
