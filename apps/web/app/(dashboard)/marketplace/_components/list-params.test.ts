import { describe, expect, it } from 'vitest';
import { parseListParams, patchListQuery } from './list-params';

describe('marketplace list params', () => {
  it('sorts by downloads unless the URL names another sort the API knows', () => {
    expect(parseListParams(new URLSearchParams('')).sort).toBe('downloads');
    expect(parseListParams(new URLSearchParams('sort=rating')).sort).toBe('rating');
    expect(parseListParams(new URLSearchParams('sort=stars')).sort).toBe('downloads');
  });

  it('keeps the default sort out of the URL and goes back to page 1 when the sort changes', () => {
    expect(patchListQuery('sort=rating&page=3', { sort: 'downloads' })).toBe('');
    expect(patchListQuery('q=axe&page=3', { sort: 'newest' })).toBe('q=axe&sort=newest');
  });
});
