import type dns from 'node:dns';
import { RequestError, Server } from 'proxy-chain';
import { type CheckTargetOptions, checkHost, resolveAllAddresses } from './check-target-url.ts';
import { TargetRefusedError } from './errors.ts';
import { pinnedLookup } from './guarded-lookup.ts';

export interface EgressProxyOptions extends Pick<CheckTargetOptions, 'resolve' | 'classify'> {
  /** Every refused connection, e.g. for the session's log. `target` is `host:port`. */
  onRefused(refusal: { target: string; message: string }): void;
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

export interface EgressProxy {
  /** `http://127.0.0.1:<port>`, for the browser context's `proxy.server`. */
  url: string;
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
 * Built on proxy-chain (Apify's programmable proxy server) for the HTTP forwarding and CONNECT
 * tunnelling. Limits: UDP (WebRTC) does not go through HTTP proxies.
 */
export async function startEgressProxy(options: EgressProxyOptions): Promise<EgressProxy> {
  const resolve = options.resolve ?? resolveAllAddresses;
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    authRealm: EGRESS_SERVER_NAME,
    prepareRequestFunction: async ({ hostname, port }) => {
      const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
      const target = `${hostname}:${port}`;
      let addresses: string[];
      try {
        addresses = await checkHost(host, target, resolve, options.classify);
      } catch (error) {
        if (!(error instanceof TargetRefusedError)) throw error;
        options.onRefused({ target, message: error.message });
        throw new RequestError(`Blocked by Fleetwright's SSRF guard: ${error.message}`, 403);
      }
      // Connect to the addresses just checked: no second lookup that could answer differently.
      return { dnsLookup: pinnedLookup(addresses) as unknown as (typeof dns)['lookup'] };
    },
  });
  // Failed upstream connections are answered to the browser; nothing to add here.
  server.on('requestFailed', () => {});
  await server.listen();
  return {
    url: `http://127.0.0.1:${server.port}`,
    close: () => server.close(true),
  };
}
