import { describe, expect, it } from 'vitest';
import { filterOf, parseListParams, patchListQuery } from './list-params';

describe('the proxies list in the URL', () => {
  it('reads every filter, upper-cases the country and drops values the API would refuse', () => {
    const params = parseListParams(
      new URLSearchParams('status=DOWN&protocol=socks5&country=de&tag=eu&search=10.0&page=3&pageSize=100'),
    );
    expect(params).toEqual({
      page: 3,
      pageSize: 100,
      status: 'DOWN',
      protocol: 'socks5',
      country: 'DE',
      tag: 'eu',
      search: '10.0',
    });
    expect(filterOf(params)).toEqual({
      status: 'DOWN',
      protocol: 'socks5',
      country: 'DE',
      tag: 'eu',
      search: '10.0',
    });
    expect(
      parseListParams(new URLSearchParams('status=GOOD&protocol=ftp&country=Germany&page=-1&pageSize=7')),
    ).toEqual({
      page: 1,
      pageSize: 50,
      status: undefined,
      protocol: undefined,
      country: undefined,
      tag: undefined,
      search: undefined,
    });
  });

  it('goes back to the first page when a filter changes, and keeps defaults out of the URL', () => {
    expect(patchListQuery('status=DOWN&page=4', { country: 'BR' })).toBe('status=DOWN&country=BR');
    expect(patchListQuery('country=BR', { page: 2 })).toBe('country=BR&page=2');
    expect(patchListQuery('country=BR&pageSize=100', { country: undefined, pageSize: 50 })).toBe('');
  });
});
