import type { PoolProxy, ProxyPage } from '@fleetwright/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { patchCachedProxy } from './proxy-cache';
import { proxyKeys } from './query-keys';

const FIRST_PAGE = { page: 1, pageSize: 50 };

function poolProxy(fields: Partial<PoolProxy>): PoolProxy {
  return {
    id: '6f1c2f7e-2a1b-4c3d-9e8f-0a1b2c3d4e5f',
    protocol: 'http',
    host: '127.0.0.1',
    port: 8080,
    username: null,
    hasPassword: false,
    tags: [],
    status: 'UNCHECKED',
    country: null,
    region: null,
    city: null,
    asn: null,
    exitIp: null,
    latencyMs: null,
    successRate: null,
    anonymity: null,
    supportsConnect: null,
    lastCheckedAt: null,
    lastUsedAt: null,
    sessionsUsing: 0,
    createdAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:00:00.000Z',
    ...fields,
  };
}

describe('patchCachedProxy (a proxy.validated event into the cache)', () => {
  it('takes the check’s fields but keeps the count of sessions the API served', () => {
    const queryClient = new QueryClient();
    const served = poolProxy({ sessionsUsing: 3 });
    const listKey = proxyKeys.list(FIRST_PAGE);
    queryClient.setQueryData<ProxyPage>(listKey, { items: [served], total: 1, ...FIRST_PAGE });
    queryClient.setQueryData<PoolProxy>(proxyKeys.detail(served.id), served);

    // As the worker sends it: checked, with sessionsUsing 0 because the worker does not count.
    const checked = poolProxy({ status: 'HEALTHY', latencyMs: 42, sessionsUsing: 0 });
    patchCachedProxy(queryClient, checked);

    const row = queryClient.getQueryData<ProxyPage>(listKey)?.items[0];
    expect(row).toMatchObject({ status: 'HEALTHY', latencyMs: 42, sessionsUsing: 3 });
    expect(queryClient.getQueryData<PoolProxy>(proxyKeys.detail(served.id))).toMatchObject({
      status: 'HEALTHY',
      sessionsUsing: 3,
    });
  });

  it('leaves pages and details that do not show the proxy alone', () => {
    const queryClient = new QueryClient();
    const other = poolProxy({ id: '0b7a4c1e-5d6f-4a8b-9c0d-1e2f3a4b5c6d', sessionsUsing: 1 });
    const page: ProxyPage = { items: [other], total: 1, ...FIRST_PAGE };
    queryClient.setQueryData<ProxyPage>(proxyKeys.list(FIRST_PAGE), page);
    patchCachedProxy(queryClient, poolProxy({ status: 'DOWN' }));
    expect(queryClient.getQueryData<ProxyPage>(proxyKeys.list(FIRST_PAGE))).toBe(page);
    expect(queryClient.getQueryData(proxyKeys.detail(poolProxy({}).id))).toBeUndefined();
  });
});
