import type { PoolProxy, ProxyPage } from '@fleetwright/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { proxyKeys } from './query-keys';

/**
 * A checked proxy, as the dashboard should show it: the check's fields, the cached count of
 * sessions using it. The worker sends `proxy.validated` with `sessionsUsing: 0` because it does not
 * count sessions (a count per checked proxy, hundreds a second during a run, for a number a check
 * does not change); the list and the detail the API served carry the real count.
 */
export function mergeCheckedProxy(cached: PoolProxy, checked: PoolProxy): PoolProxy {
  return { ...checked, sessionsUsing: cached.sessionsUsing };
}

/** Writes a checked proxy into the cached detail and every cached list page that shows it. */
export function patchCachedProxy(queryClient: QueryClient, checked: PoolProxy): void {
  queryClient.setQueryData<PoolProxy>(proxyKeys.detail(checked.id), (current) =>
    current ? mergeCheckedProxy(current, checked) : current,
  );
  queryClient.setQueriesData<ProxyPage>({ queryKey: proxyKeys.lists() }, (page) => {
    if (!page?.items.some((item) => item.id === checked.id)) return page;
    return {
      ...page,
      items: page.items.map((item) => (item.id === checked.id ? mergeCheckedProxy(item, checked) : item)),
    };
  });
}
