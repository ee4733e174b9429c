import { randomBytes } from 'node:crypto';
import {
  formatProxyHost,
  isProviderProxy,
  isProxyStrategy,
  type ProxyCheckErrorCode,
  providerCountryRefusal,
  providerGateway,
  providerProxyUrl,
  providerStickyKey,
  proxyProviderPresets,
  type SessionProxy,
} from '@fleetwright/contracts';
import {
  type DatabaseOrTransaction,
  getProxy,
  getProxyProvider,
  PICKABLE_PROXY_STATUSES,
  type ProxyRow,
  pickProxy,
  type SessionRow,
  takeProxy,
  updateSession,
} from '@fleetwright/db';
import { type Keyring, openProviderPassword, openProxyPassword } from '@fleetwright/secrets';
import { shortMessage, WorkerError } from '../errors.ts';

/**
 * The proxy a session runs behind, from the pool or from a provider entry, with its URL's password
 * decrypted.
 */
export interface SessionPoolProxy {
  /**
   * What a rotation leaves: the pool proxy's id, or a provider session's sticky key (its exit;
   * the entry's id when it has rotating exits).
   */
  id: string;
  /** The pool proxy; null for a provider entry (no row to count a failure against). */
  proxy: ProxyRow | null;
  /** The exit's country as far as known. */
  country: string | null;
  /** `scheme://user:password@host:port`: for the egress guard's upstream only, never logged. */
  url: string;
  /** `scheme://host:port`, for logs and events. */
  display: string;
}

function proxyUrlOf(proxy: ProxyRow, keyring: Keyring): string {
  let password: string | null;
  try {
    password = openProxyPassword(keyring, proxy.id, proxy.password);
  } catch (error) {
    throw new WorkerError(
      'INVALID_PROXY',
      `The proxy's password cannot be decrypted: ${shortMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  const user = proxy.username ? encodeURIComponent(proxy.username) : '';
  const credentials = user || password ? `${user}:${password ? encodeURIComponent(password) : ''}@` : '';
  return `${proxy.protocol}://${credentials}${formatProxyHost(proxy.host)}:${proxy.port}`;
}

export function displayOf(proxy: ProxyRow): string {
  return `${proxy.protocol}://${formatProxyHost(proxy.host)}:${proxy.port}`;
}

/**
 * The pool proxy for a (re)start of `row`, recorded on the session; null when the session does not
 * draw from the pool. A strategy keeps the proxy it has while that one is still a candidate and not
 * in `exclude` (a proxy that just failed, or one a rotation leaves), else picks the next; a session
 * given one proxy uses it unless it was deleted or blacklisted. Fails (not retryable) with the code
 * first in the message, as the session's lastError shows it: NO_HEALTHY_PROXY, NO_PROXY_IN_COUNTRY,
 * PROXY_NOT_FOUND, PROXY_BLACKLISTED.
 */
export async function resolveSessionProxy(
  db: DatabaseOrTransaction,
  keyring: Keyring,
  row: SessionRow,
  exclude: string[] = [],
): Promise<{ row: SessionRow; pool: SessionPoolProxy } | null> {
  const option = row.proxy;
  if (!option) return null;
  if (isProviderProxy(option)) return resolveProviderProxy(db, keyring, row, option, exclude);
  const key = { organizationId: row.organizationId, id: row.proxyId ?? '' };
  const current = row.proxyId ? await getProxy(db, key) : undefined;
  let proxy: ProxyRow | undefined;
  if (isProxyStrategy(option)) {
    const keep = current && PICKABLE_PROXY_STATUSES.includes(current.status) && !exclude.includes(current.id);
    if (keep) proxy = await takeProxy(db, key);
    if (!proxy) {
      const picked = await pickProxy(db, {
        organizationId: row.organizationId,
        strategy: option.strategy,
        country: option.country,
        tags: option.tags,
        exclude,
      });
      if ('reason' in picked) {
        const why =
          picked.reason === 'NO_PROXY_IN_COUNTRY'
            ? `no usable proxy of the pool is in ${option.country}`
            : 'no proxy of the pool is usable (HEALTHY, UNCHECKED or DEGRADED) for this session';
        const left = exclude.length > 0 ? ` (besides the ${exclude.length} that failed or was left)` : '';
        throw new WorkerError(picked.reason, `${picked.reason}: ${why}${left}`);
      }
      proxy = picked.proxy;
    }
  } else {
    const given = await getProxy(db, { organizationId: row.organizationId, id: option.proxyId });
    if (!given)
      throw new WorkerError('PROXY_NOT_FOUND', `PROXY_NOT_FOUND: the proxy ${option.proxyId} is gone`);
    if (given.status === 'BLACKLISTED') {
      throw new WorkerError(
        'PROXY_BLACKLISTED',
        `PROXY_BLACKLISTED: the proxy ${displayOf(given)} is blacklisted`,
      );
    }
    proxy = (await takeProxy(db, { organizationId: row.organizationId, id: given.id })) ?? given;
  }
  const updated =
    (await updateSession(db, row, {
      proxyId: proxy.id,
      poolProxy: { protocol: proxy.protocol, host: proxy.host, port: proxy.port },
      proxyCountry: proxy.country,
    })) ?? row;
  return {
    row: updated,
    pool: {
      id: proxy.id,
      proxy,
      country: proxy.country,
      url: proxyUrlOf(proxy, keyring),
      display: displayOf(proxy),
    },
  };
}

/**
 * A provider session's proxy for a (re)start: the entry's gateway, with a username in the
 * provider's syntax for the option's country and the session's sticky key. The key stored on the
 * session is kept (a restart keeps its exit); a rotation, which leaves that key in `exclude`,
 * takes a new one (a new exit from the same entry), stored for the restarts after it. Fails (not
 * retryable) with PROXY_PROVIDER_NOT_FOUND when the entry was deleted, PROXY_COUNTRY_NOT_SERVED
 * when it no longer serves the country, INVALID_PROXY when its password cannot be opened.
 */
async function resolveProviderProxy(
  db: DatabaseOrTransaction,
  keyring: Keyring,
  row: SessionRow,
  option: Extract<SessionProxy, { providerId: string }>,
  exclude: string[],
): Promise<{ row: SessionRow; pool: SessionPoolProxy }> {
  const entry = await getProxyProvider(db, { organizationId: row.organizationId, id: option.providerId });
  if (!entry) {
    throw new WorkerError(
      'PROXY_PROVIDER_NOT_FOUND',
      `PROXY_PROVIDER_NOT_FOUND: the provider entry ${option.providerId} is gone`,
    );
  }
  const country = option.country ?? null;
  const refusal = country ? providerCountryRefusal(entry, country) : null;
  if (refusal) throw new WorkerError('PROXY_COUNTRY_NOT_SERVED', `PROXY_COUNTRY_NOT_SERVED: ${refusal}`);
  let stickyKey =
    option.sticky && proxyProviderPresets[entry.kind].sticky
      ? (row.proxyStickyKey ?? providerStickyKey(row.id))
      : null;
  if (stickyKey && exclude.includes(stickyKey)) {
    stickyKey = providerStickyKey(row.id, randomBytes(4).toString('hex'));
  }
  let password: string;
  try {
    password = openProviderPassword(keyring, entry.id, entry.password);
  } catch (error) {
    throw new WorkerError(
      'INVALID_PROXY',
      `The provider entry's password cannot be decrypted: ${shortMessage(error)}`,
      { cause: error },
    );
  }
  const url = providerProxyUrl(
    { ...entry, password },
    { country, session: stickyKey, stickyMinutes: entry.stickyMinutes },
  );
  const gateway = providerGateway(entry, country);
  const updated =
    (await updateSession(db, row, {
      proxyId: null,
      poolProxy: null,
      proxyCountry: country,
      proxyProviderId: entry.id,
      proxyProvider: { id: entry.id, name: entry.name, kind: entry.kind },
      proxyStickyKey: stickyKey,
    })) ?? row;
  return {
    row: updated,
    pool: {
      id: stickyKey ?? entry.id,
      proxy: null,
      country,
      url,
      display: `${entry.name} via http://${formatProxyHost(gateway.host)}:${gateway.port}`,
    },
  };
}

/**
 * Chromium's errors that mean the proxy failed, not the site: a refused or broken proxy
 * connection, a failed CONNECT tunnel, a SOCKS failure.
 */
const PROXY_NET_ERRORS =
  /net::(ERR_PROXY_[A-Z_]+|ERR_TUNNEL_CONNECTION_FAILED|ERR_SOCKS_[A-Z_]+|ERR_NO_SUPPORTED_PROXIES)/;
/** The egress guard's answer when it could not go through the upstream proxy (proxy-chain's 590–599). */
const GUARD_UPSTREAM_FAILURE = /HTTP (59\d) from the egress guard/;

/**
 * The check code to count against the pool proxy for a failed load, or null when the failure is
 * not the proxy's (the guard refused a private target: HTTP 403 from the guard; the page timed
 * out with the proxy answering). Behind the guard a dead upstream shows as a 59x page for plain
 * HTTP and as ERR_TUNNEL_CONNECTION_FAILED for HTTPS; without it, as Chromium's ERR_PROXY_*.
 */
export function proxyFailureOf(error: unknown): ProxyCheckErrorCode | null {
  const message = shortMessage(error);
  const guard = GUARD_UPSTREAM_FAILURE.exec(message);
  if (guard) {
    const status = Number(guard[1]);
    if (status === 594) return 'REFUSED';
    if (status === 596) return 'TIMEOUT';
    if (status === 597) return 'AUTH_FAILED';
    if (status === 593) return 'DNS';
    if (status === 595) return 'RESET';
    return 'PROXY_ERROR';
  }
  const net = PROXY_NET_ERRORS.exec(message);
  if (!net) return null;
  if (net[1] === 'ERR_PROXY_CONNECTION_FAILED') return 'REFUSED';
  if (net[1] === 'ERR_PROXY_AUTH_UNSUPPORTED') return 'AUTH_FAILED';
  return 'PROXY_ERROR';
}
