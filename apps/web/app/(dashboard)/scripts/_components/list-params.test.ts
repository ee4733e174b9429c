import { describe, expect, it } from 'vitest';
import { parseListParams, patchListQuery } from './list-params';

describe('scripts list params', () => {
  it('reads search, tag and page from the URL and ignores a page size the list does not offer', () => {
    const params = parseListParams(new URLSearchParams('q=cookie&tag=qa&page=3&pageSize=7'));
    expect(params).toEqual({ page: 3, pageSize: 25, q: 'cookie', tag: 'qa' });
  });

  it('goes back to the first page when the search changes, and keeps the page when paging', () => {
    expect(patchListQuery('q=old&page=4', { q: 'new' })).toBe('q=new');
    expect(patchListQuery('q=old', { page: 2 })).toBe('q=old&page=2');
    expect(patchListQuery('tag=qa&page=2', { tag: undefined })).toBe('');
  });
});
