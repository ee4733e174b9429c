import { type CheckEcho, plainAddress } from '@fleetwright/net-guard';

/**
 * How much a proxy tells the target about its client:
 * - transparent: the target saw the client's own address (as the caller, or in a forwarding header);
 * - anonymous: the target saw headers that announce a proxy, but not the client's address;
 * - elite: neither.
 */
export type ProxyAnonymity = 'transparent' | 'anonymous' | 'elite';

/** Headers proxies add to announce themselves or forward their client's address. */
const PROXY_HEADERS = new Set([
  'via',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-server',
  'x-real-ip',
  'x-client-ip',
  'client-ip',
  'x-originating-ip',
  'x-remote-ip',
  'x-remote-addr',
  'true-client-ip',
  'x-cluster-client-ip',
  'forwarded-for',
  'x-proxy-id',
  'x-proxy-connection',
  'proxy-connection',
  'x-bluecoat-via',
]);

export interface AnonymityBaseline {
  /** The checker's own addresses: its public address as the check URL sees it, its interfaces'. */
  clientAddresses: readonly string[];
  /**
   * Proxy-type header names the check URL reports even without a proxy (a load balancer in front of
   * the echo adds X-Forwarded-For to everything): their presence alone says nothing about the proxy.
   */
  baselineHeaders: readonly string[];
}

/** The addresses in an echo's `origin`, nearest hop (the proxy's exit) last. */
export function originAddresses(origin: string): string[] {
  return origin
    .split(',')
    .map((entry) => plainAddress(entry.trim()))
    .filter((entry) => entry.length > 0);
}

export function judgeAnonymity(echo: CheckEcho, baseline: AnonymityBaseline): ProxyAnonymity {
  const own = baseline.clientAddresses.map((address) => plainAddress(address).toLowerCase());
  const origin = originAddresses(echo.origin).map((address) => address.toLowerCase());
  if (origin.some((address) => own.includes(address))) return 'transparent';
  const proxyHeaders = Object.entries(echo.headers).filter(([name]) => PROXY_HEADERS.has(name.toLowerCase()));
  if (proxyHeaders.some(([, value]) => own.some((address) => mentionsAddress(value, address)))) {
    return 'transparent';
  }
  const expected = new Set(baseline.baselineHeaders.map((name) => name.toLowerCase()));
  return proxyHeaders.some(([name]) => !expected.has(name.toLowerCase())) ? 'anonymous' : 'elite';
}

/**
 * Whether `address` appears in a header value as a whole address: 127.0.0.1 is not in 127.0.0.12,
 * but is in `for=127.0.0.1:4711` (a port after an IPv4) and `for="[::1]:4711"`.
 */
function mentionsAddress(value: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const outside = address.includes(':') ? '[^0-9a-f:]' : '[^0-9.]';
  return new RegExp(`(^|${outside})${escaped}($|${outside})`, 'i').test(value);
}
