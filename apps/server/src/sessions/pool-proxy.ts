import {
  formatProxyHost,
  isProviderProxy,
  isProxyStrategy,
  providerGateway,
  providerStickyKey,
  proxyProviderPresets,
  type SessionProxy,
} from '@fleetwright/contracts';
import {
  type DatabaseOrTransaction,
  getProxy,
  getProxyProvider,
  type NewSessionRow,
  type ProxyRow,
  pickProxy,
  takeProxy,
} from '@fleetwright/db';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { assertCountryServed } from '../proxy-providers/session-proxy.ts';

type SessionProxyColumns = Required<
  Pick<
    NewSessionRow,
    'proxyId' | 'poolProxy' | 'proxyCountry' | 'proxyProviderId' | 'proxyProvider' | 'proxyStickyKey'
  >
>;

const NO_PROVIDER = { proxyProviderId: null, proxyProvider: null, proxyStickyKey: null } as const;

/** The session columns that say which pool proxy it uses (null: none). */
export function poolProxyColumns(proxy: ProxyRow | null): SessionProxyColumns {
  return {
    proxyId: proxy?.id ?? null,
    poolProxy: proxy ? { protocol: proxy.protocol, host: proxy.host, port: proxy.port } : null,
    proxyCountry: proxy?.country ?? null,
    ...NO_PROVIDER,
  };
}

/** The columns of a session without a pool proxy or a provider entry. */
export const NO_POOL_PROXY = { proxy: null, ...poolProxyColumns(null) };

/**
 * The columns for a session's `proxy` option (null: none), the pool proxy marked used or the
 * provider entry checked: see assignPoolProxy and assignProviderProxy.
 */
export async function assignSessionProxy(
  db: DatabaseOrTransaction,
  targets: TargetGuard,
  params: { organizationId: string; sessionId: string; proxy: SessionProxy | null | undefined },
): Promise<SessionProxyColumns> {
  const { proxy } = params;
  if (!proxy) return poolProxyColumns(null);
  if (isProviderProxy(proxy)) return assignProviderProxy(db, targets, { ...params, proxy });
  return poolProxyColumns(await assignPoolProxy(db, targets, { ...params, proxy }));
}

/**
 * A provider option's columns: the entry shown by id, name and kind, the country as asked, and
 * the session's id as sticky key where asked and the preset has sticky exits. Refusals:
 * PROXY_PROVIDER_NOT_FOUND (404, field `proxy`: another organization's entry is answered as an
 * unknown one), PROXY_COUNTRY_NOT_SERVED (409, field `proxy.country`), and the target guard on the
 * gateway the country uses (a loopback or private gateway only where the organization allows it).
 */
async function assignProviderProxy(
  db: DatabaseOrTransaction,
  targets: TargetGuard,
  params: {
    organizationId: string;
    sessionId: string;
    proxy: Extract<SessionProxy, { providerId: string }>;
  },
): Promise<SessionProxyColumns> {
  const { organizationId, proxy } = params;
  const entry = await getProxyProvider(db, { organizationId, id: proxy.providerId });
  if (!entry) {
    throw new AppError('PROXY_PROVIDER_NOT_FOUND', `No proxy provider entry ${proxy.providerId}.`, {
      field: 'proxy',
    });
  }
  const country = proxy.country ?? null;
  if (country) assertCountryServed(entry, country, 'proxy.country');
  const gateway = providerGateway(entry, country);
  await targets.checkProxy(
    `http://${formatProxyHost(gateway.host)}:${gateway.port}`,
    'proxy',
    organizationId,
  );
  const sticky = proxy.sticky && proxyProviderPresets[entry.kind].sticky;
  return {
    proxyId: null,
    poolProxy: null,
    proxyCountry: country,
    proxyProviderId: entry.id,
    proxyProvider: { id: entry.id, name: entry.name, kind: entry.kind },
    proxyStickyKey: sticky ? providerStickyKey(params.sessionId) : null,
  };
}

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
  params: {
    organizationId: string;
    proxy: Exclude<SessionProxy, { providerId: string }>;
    exclude?: string[];
  },
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
