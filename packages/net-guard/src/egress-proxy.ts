import type dns from 'node:dns';
import { RequestError, Server } from 'proxy-chain';
import {
  type CheckTargetOptions,
  checkHost,
  type HostGuard,
  resolveAllAddresses,
} from './check-target-url.ts';
import { classifyAddress } from './classify-address.ts';
import { TargetRefusedError } from './errors.ts';
import { pinnedLookup } from './guarded-lookup.ts';
import type { PrivateTargets } from './private-targets.ts';
import { forwardedAddress, parseUpstreamProxy, routeThroughUpstream } from './upstream-proxy.ts';

export interface EgressProxyOptions extends Pick<CheckTargetOptions, 'resolve' | 'classify'> {
  /** Every refused connection, e.g. for the session's log. `target` is `host:port`. */
  onRefused(refusal: { target: string; message: string }): void;
  /**
   * The session's own proxy (`scheme://[user:pass@]host:port`; http, https, socks4 or socks5),
   * chained behind the guard: every target is checked here first, and the proxy's own host passes
   * the same check. The guard authenticates to it, so SOCKS5 with credentials works (Chromium
   * cannot). @default none: the guard connects to the targets itself
   */
  upstream?: string | null;
  /** Non-public hosts and ranges that pass (the session's organization's list). @default none */
  privateTargets?: PrivateTargets | null;
}

/** The `server` header of the egress proxy's own answers (its refusals). */
const EGRESS_SERVER_NAME = 'Fleetwright egress guard';

/**
 * Whether a response is the egress proxy's own answer rather than the site's: a refusal (403 with
 * EGRESS_SERVER_NAME) or a failed connection (proxy-chain's 590–599 "bad gateway" codes). Through
 * a proxy, plain-HTTP failures reach the browser as such pages, not as network errors; callers
 * turn them back into failed loads.
 */
export function isEgressFailure(response: { status: number; server: string | undefined }): boolean {
  return response.server === EGRESS_SERVER_NAME || (response.status >= 590 && response.status <= 599);
}

/**
 * The ports this process's egress guards listen on. A guard holds its session's proxy credentials
 * and asks nothing of its clients (Chromium could only authenticate to it through Playwright's
 * proxy credentials, which turn on request interception for every request of the context and turn
 * its cache off). So a page whose organization may reach loopback (private targets) must still not
 * reach another session's guard: that would be a way into another organization's proxy.
 */
const guardPorts = new Set<number>();

/** Whether `port` on one of `addresses` is a guard of this process (loopback or 0.0.0.0 reach it). */
function isGuardOfThisProcess(addresses: string[], port: number): boolean {
  if (!guardPorts.has(port)) return false;
  return addresses.some((address) => {
    const kind = classifyAddress(address);
    return kind === 'loopback' || kind === 'unspecified';
  });
}

export interface EgressProxy {
  /** `http://127.0.0.1:<port>`, for the browser context's `proxy.server`. */
  url: string;
  /**
   * Replaces the private targets that pass, for connections from now on: a warm context's proxy
   * learns them from the session that takes it.
   */
  setPrivateTargets(privateTargets: PrivateTargets | null): void;
  /** Stops listening and cuts the connections still open. */
  close(): Promise<void>;
}

/**
 * A forward proxy on 127.0.0.1 through which a browser context reaches public addresses only: the
 * SSRF guard for everything a page loads, not just the URL an API call named. Redirects,
 * subresources, fetches and WebSockets all pass through it (Playwright makes Chromium send loopback
 * traffic to the proxy as well), and Chromium resolves no names itself. The proxy resolves each
 * name once, checks every address, and connects to those very addresses (`pinnedLookup`), so a name
 * that would resolve to a private address a moment later (DNS rebinding) never gets the chance. A refusal answers 403 (a CONNECT tunnel: Chromium's
 * ERR_TUNNEL_CONNECTION_FAILED) and is reported to `onRefused`.
 *
 * With an upstream (the session's own proxy), the page's traffic goes Chromium → this guard →
 * the upstream → the site: the guard checks each target as above and asks the upstream for the
 * checked address rather than the name (see routeThroughUpstream), so no page reaches a private
 * address through a user's proxy, and the upstream never even sees a refused request.
 *
 * Built on proxy-chain (Apify's programmable proxy server) for the HTTP forwarding, CONNECT
 * tunnelling and upstream chaining (HTTP, HTTPS, SOCKS4, SOCKS5). Limits: UDP (WebRTC) does not go
 * through HTTP proxies.
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const upstream = options.upstream ? parseUpstreamProxy(options.upstream) : null;
  const guard: HostGuard = {
    resolve: options.resolve ?? resolveAllAddresses,
    classify: options.classify,
    privateTargets: options.privateTargets ?? null,
  };
  /** Checks `host` (a target, or the upstream's own host); a refusal answers 403 and is reported. */
  const check = async (host: string, target: string): Promise<string[]> => {
    try {
      return await checkHost(host, target, guard);
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      options.onRefused({ target, message: error.message });
      throw new RequestError(`Blocked by Fleetwright's SSRF guard: ${error.message}`, 403);
    }
  };
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    authRealm: EGRESS_SERVER_NAME,
    prepareRequestFunction: async ({ hostname, port, request, isHttp }) => {
      const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
      const addresses = await check(host, `${hostname}:${port}`);
      if (isGuardOfThisProcess(addresses, Number(port))) {
        const message = `${hostname}:${port} is the egress guard of another session`;
        options.onRefused({ target: `${hostname}:${port}`, message });
        throw new RequestError(`Blocked by Fleetwright's SSRF guard: ${message}`, 403);
      }
      if (!upstream) {
        // Connect to the addresses just checked: no second lookup that could answer differently.
        return { dnsLookup: pinnedLookup(addresses) as unknown as (typeof dns)['lookup'] };
      }
      const proxyAddresses = await check(upstream.host, `proxy ${upstream.display}`);
      return routeThroughUpstream(upstream, proxyAddresses, request, {
        address: forwardedAddress(addresses),
        port,
        isHttp,
      });
    },
  });
  // Failed upstream connections are answered to the browser; nothing to add here.
  server.on('requestFailed', () => {});
  await server.listen();
  const port = server.port;
  guardPorts.add(port);
  return {
    url: `http://127.0.0.1:${server.port}`,
    setPrivateTargets: (privateTargets) => {
      guard.privateTargets = privateTargets;
    },
    close: async () => {
      guardPorts.delete(port);
      await server.close(true);
    },
  };
}
