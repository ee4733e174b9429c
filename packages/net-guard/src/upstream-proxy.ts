import type dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';
import type { PrepareRequestFunctionResult } from 'proxy-chain';
import { pinnedLookup } from './guarded-lookup.ts';

/** Schemes proxy-chain chains to (it also knows socks4a and socks5h, which resolve at the proxy). */
const UPSTREAM_PROTOCOLS = ['http:', 'https:', 'socks4:', 'socks5:'];

/** The session's own proxy, behind the egress guard. */
export interface UpstreamProxy {
  url: URL;
  /** Lower-case, IPv6 without brackets: what the guard checks. */
  host: string;
  /** `host:port` as written, for messages (never the credentials). */
  display: string;
  socks: boolean;
}

/** @throws TypeError when `proxyUrl` is not `scheme://[user:pass@]host:port` with a scheme above. */
export function parseUpstreamProxy(proxyUrl: string): UpstreamProxy {
  const url = new URL(proxyUrl);
  if (!UPSTREAM_PROTOCOLS.includes(url.protocol) || url.hostname === '' || url.port === '') {
    throw new TypeError('The upstream proxy needs http, https, socks4 or socks5, a host and a port');
  }
  return {
    url,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase(),
    display: url.host,
    socks: url.protocol.startsWith('socks'),
  };
}

/** The address the upstream is asked to connect to: IPv4 first, which every proxy can reach. */
export function forwardedAddress(addresses: readonly string[]): string {
  return addresses.find((address) => isIP(address) === 4) ?? (addresses[0] as string);
}

const bracketed = (address: string) => (isIP(address) === 6 ? `[${address}]` : address);

/**
 * What proxy-chain needs to send one request through the upstream to `address` (the target's
 * checked address) instead of to the name the page used, so the upstream resolves nothing and a
 * name cannot point somewhere else from there (DNS rebinding, split-horizon DNS behind the
 * proxy). The upstream's own host is pinned to `proxyAddresses`, checked the same way.
 *
 * - CONNECT (HTTPS, WebSockets): the tunnel is asked for `address:port`. TLS (SNI, certificate)
 *   runs inside it between Chromium and the site, under the name: unaffected.
 * - Plain HTTP through a SOCKS upstream: the request is sent to `address`; its Host header is the
 *   page's, sent as is.
 * - Plain HTTP through an HTTP(S) upstream: an absolute-form `GET http://address/` would have the
 *   upstream replace Host with the address (RFC 9112 §3.2.2), breaking name-based sites; the
 *   request goes through a CONNECT tunnel to `address:port` instead, with the page's Host header.
 *   Limit: the upstream must allow CONNECT to that port (Squid's default allows 443 only).
 *
 * Mutates `request.url`, which proxy-chain reads after prepareRequestFunction to address the
 * upstream (chain, chainSocks, forwardSocks).
 */
export function routeThroughUpstream(
  upstream: UpstreamProxy,
  proxyAddresses: readonly string[],
  request: IncomingMessage,
  target: { address: string; port: number; isHttp: boolean },
): PrepareRequestFunctionResult {
  const authority = `${bracketed(target.address)}:${target.port}`;
  if (upstream.socks) {
    request.url = target.isHttp ? withHost(request.url ?? '', target.address) : authority;
    // SOCKS clients resolve the proxy's name themselves: they are given the checked address.
    const pinned = new URL(upstream.url);
    pinned.hostname = bracketed(forwardedAddress(proxyAddresses));
    return { upstreamProxyUrl: pinned.href };
  }
  const lookup = pinnedLookup(proxyAddresses) as unknown as (typeof dns)['lookup'];
  if (!target.isHttp) {
    request.url = authority;
    return { upstreamProxyUrl: upstream.url.href, dnsLookup: lookup };
  }
  return { httpAgent: new TunnelAgent(() => openTunnel(upstream.url, lookup, authority)) };
}

/** `http://name:port/path` → `http://address:port/path`. */
function withHost(url: string, address: string): string {
  const parsed = new URL(url);
  parsed.hostname = bracketed(address);
  return parsed.href;
}

/** An agent whose one connection is a tunnel opened by `open`; nothing is pooled. */
class TunnelAgent extends http.Agent {
  readonly #open: () => Promise<Socket>;

  constructor(open: () => Promise<Socket>) {
    super({ keepAlive: false });
    this.#open = open;
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, stream: Socket) => void,
  ): undefined {
    // Node's Agent takes the socket from the callback when createConnection returns nothing.
    this.#open().then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Socket),
    );
    return undefined;
  }
}

/**
 * A CONNECT tunnel to `authority` through the HTTP(S) proxy `proxy`. A refusal rejects with the
 * proxy's status in the message; proxy-chain answers the page with its 599 "upstream error".
 */
function openTunnel(proxy: URL, lookup: (typeof dns)['lookup'], authority: string): Promise<Socket> {
  const headers: Record<string, string> = { host: authority };
  if (proxy.username || proxy.password) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const client = proxy.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(proxy.origin, {
      method: 'CONNECT',
      path: authority,
      headers,
      lookup,
      agent: false,
    });
    request.once('connect', (response, socket, head) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`the proxy answered ${response.statusCode} to CONNECT ${authority}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('error', reject);
    request.end();
  });
}
