import { formatProxyHost, isProxyStrategy, type SessionProxy } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getProxy, type ProxyRow, pickProxy, takeProxy } from '@fleetwright/db';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';

/** The session columns that say which pool proxy it uses (null: none). */
export function poolProxyColumns(proxy: ProxyRow | null) {
  return {
    proxyId: proxy?.id ?? null,
    poolProxy: proxy ? { protocol: proxy.protocol, host: proxy.host, port: proxy.port } : null,
    proxyCountry: proxy?.country ?? null,
  };
}

/** The columns of a session without a pool proxy. */
export const NO_POOL_PROXY = { proxy: null, ...poolProxyColumns(null) };

/**
 * The pool proxy for a session's `proxy` option, marked used: a pick by its strategy, or the proxy
 * it names. Refusals name the `proxy` field: NO_HEALTHY_PROXY / NO_PROXY_IN_COUNTRY (nothing
 * fits), PROXY_NOT_FOUND (not this organization's: another organization's id is answered the same
 * as an unknown one), PROXY_BLACKLISTED. The proxy's host goes through the target guard, as a
 * `proxyUrl` does (a loopback or private proxy only where the organization allows it).
 */
export async function assignPoolProxy(
  db: DatabaseOrTransaction,
  targets: TargetGuard,
  params: { organizationId: string; proxy: SessionProxy; exclude?: string[] },
): Promise<ProxyRow> {
  const { organizationId, proxy } = params;
  let row: ProxyRow | undefined;
  if (isProxyStrategy(proxy)) {
    const picked = await pickProxy(db, {
      organizationId,
      strategy: proxy.strategy,
      country: proxy.country,
      tags: proxy.tags,
      exclude: params.exclude,
    });
    if ('reason' in picked) {
      const message =
        picked.reason === 'NO_PROXY_IN_COUNTRY'
          ? `No usable proxy of the pool is in ${proxy.country}.`
          : 'No proxy of the pool is usable (HEALTHY, UNCHECKED or DEGRADED) for this choice.';
      throw new AppError(picked.reason, message, { field: 'proxy' });
    }
    row = picked.proxy;
  } else {
    const found = await getProxy(db, { organizationId, id: proxy.proxyId });
    if (!found) {
      throw new AppError('PROXY_NOT_FOUND', `No proxy ${proxy.proxyId}.`, { field: 'proxy.proxyId' });
    }
    if (found.status === 'BLACKLISTED') {
      throw new AppError('PROXY_BLACKLISTED', `The proxy ${proxy.proxyId} is blacklisted.`, {
        field: 'proxy.proxyId',
      });
    }
    row = await takeProxy(db, { organizationId, id: found.id });
    if (!row) throw new AppError('PROXY_NOT_FOUND', `No proxy ${proxy.proxyId}.`, { field: 'proxy.proxyId' });
  }
  // Without credentials: the guard looks at the host; the worker adds them when it connects.
  await targets.checkProxy(
    `${row.protocol}://${formatProxyHost(row.host)}:${row.port}`,
    'proxy',
    organizationId,
  );
  return row;
}
