import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { CheckEcho } from '@fleetwright/net-guard';
import { SocksClient } from 'socks';
import { classifyCheckError, ProxyCheckError, type ProxyCheckErrorCode } from './check-errors.ts';
import { CheckScope } from './check-scope.ts';
import {
  type AnonymityBaseline,
  judgeAnonymity,
  originAddresses,
  type ProxyAnonymity,
} from './judge-anonymity.ts';

export type ProxyProtocol = 'http' | 'https' | 'socks4' | 'socks5';

/** A proxy to check: where it listens and how to talk to it. */
export interface ProxyEndpoint {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  /**
   * Where to connect: an address of `host` as the target guard checked it, so that the name cannot
   * resolve to another address between the check and the connection. @default host
   */
  address?: string;
  username?: string;
  password?: string;
}

export interface ProxyCheckResult {
  /** The check URL's echo came back through the proxy. */
  ok: boolean;
  /** Milliseconds from connecting to the proxy to the echo's complete answer; null when not ok. */
  latencyMs: number | null;
  /** The address the check URL saw the request come from; null when not ok. */
  exitIp: string | null;
  /**
   * The proxy tunnels CONNECT to the check URL's host and port (what HTTPS sites need). Always true
   * for a working SOCKS proxy, whose every connection is a tunnel.
   */
  supportsConnect: boolean;
  anonymity: ProxyAnonymity | null;
  error?: { code: ProxyCheckErrorCode; message: string };
}

export interface CheckProxyOptions {
  /**
   * An echo reachable from the proxy that answers JSON `{ origin | ip, headers }` (httpbin's
   * `/anything`). An http: URL is fetched with an absolute-URI GET and through a CONNECT tunnel; an
   * https: one only through the tunnel (proxies relay https only that way).
   */
  checkUrl: string;
  /** The whole check, every step included, ends after this many milliseconds. */
  timeoutMs: number;
  /** Cancels the check (its result is then ABORTED). */
  signal?: AbortSignal;
  /**
   * The checker's own addresses beside its interfaces' (which are always counted): the echo seeing
   * one of them means the proxy is transparent. checkProxies learns the public one from the echo.
   * @default []
   */
  clientAddresses?: readonly string[];
  /** Proxy-type headers the echo reports even without a proxy (see AnonymityBaseline). @default [] */
  baselineHeaders?: readonly string[];
  /**
   * CA certificates to trust instead of the system's, for https proxies and an https check URL
   * (a private CA; tests).
   */
  ca?: string | readonly string[];
  /**
   * Screens the proxy's host before anything connects to it (the target guard, with the
   * organization's private targets): answers the address to connect to, or throws a ProxyCheckError
   * (NOT_ALLOWED, DNS). @default none: connect to the host as given
   */
  resolveAddress?: () => Promise<string>;
}

/** Largest echo read, bytes: httpbin's is about 1 KB; a far larger answer is not an echo. */
const MAX_ECHO_BYTES = 64 * 1024;
/** Headers of the echo request; `connection: close` so no socket outlives its check. */
const ECHO_HEADERS = {
  accept: 'application/json',
  'user-agent': 'Fleetwright proxy check',
  connection: 'close',
};

interface Echoed {
  echo: CheckEcho;
  latencyMs: number;
}

/**
 * Sends a request through `proxy` to the check URL and reports whether and how it got there. Never
 * throws for a bad proxy: failures come back as `ok: false` with a classified error.
 */
export async function checkProxy(
  proxy: ProxyEndpoint,
  options: CheckProxyOptions,
): Promise<ProxyCheckResult> {
  const target = new URL(options.checkUrl);
  const scope = new CheckScope(options.timeoutMs, options.signal);
  try {
    const endpoint = options.resolveAddress
      ? { ...proxy, address: await untilCut(scope, options.resolveAddress()) }
      : proxy;
    const { echoed, supportsConnect } =
      endpoint.protocol === 'socks4' || proxy.protocol === 'socks5'
        ? { echoed: await echoThroughSocks(endpoint, target, scope, options), supportsConnect: true }
        : await echoThroughHttpProxy(endpoint, target, scope, options.ca);
    const exitIp = originAddresses(echoed.echo.origin).at(-1) ?? '';
    if (net.isIP(exitIp) === 0) {
      throw new ProxyCheckError(
        'BAD_RESPONSE',
        `The echo's origin is not an address: "${echoed.echo.origin}".`,
      );
    }
    return {
      ok: true,
      latencyMs: Math.round(echoed.latencyMs),
      exitIp,
      supportsConnect,
      anonymity: judgeAnonymity(echoed.echo, {
        clientAddresses: [...(options.clientAddresses ?? []), ...interfaceAddresses()],
        baselineHeaders: options.baselineHeaders ?? [],
      } satisfies AnonymityBaseline),
    };
  } catch (error) {
    return {
      ok: false,
      latencyMs: null,
      exitIp: null,
      supportsConnect: false,
      anonymity: null,
      // A cut-short check fails for the cut (TIMEOUT, ABORTED), not for the socket error it caused.
      error: classifyCheckError(scope.reason ?? error),
    };
  } finally {
    scope.dispose();
  }
}

/** `work`, or the scope's reason once the check is cut short (a DNS lookup has no socket to destroy). */
function untilCut<T>(scope: CheckScope, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cut = () => reject(scope.reason);
    if (scope.reason) cut();
    scope.signal.addEventListener('abort', cut, { once: true });
    work.then(resolve, reject).finally(() => scope.signal.removeEventListener('abort', cut));
  });
}

/** Failures of the absolute-URI GET after which a CONNECT may still work (CONNECT-only proxies). */
const WORTH_A_TUNNEL: ReadonlySet<ProxyCheckErrorCode> = new Set(['PROXY_ERROR', 'BAD_RESPONSE', 'RESET']);

/**
 * An HTTP(S) proxy: the absolute-URI GET (plain http check URLs), then a CONNECT tunnel to learn
 * HTTPS support. The GET's answer is the result when it worked; the tunnel's otherwise.
 */
async function echoThroughHttpProxy(
  proxy: ProxyEndpoint,
  target: URL,
  scope: CheckScope,
  ca: CheckProxyOptions['ca'],
): Promise<{ echoed: Echoed; supportsConnect: boolean }> {
  let direct: Echoed | null = null;
  let directError: unknown = null;
  if (target.protocol === 'http:') {
    try {
      direct = await echoByAbsoluteUri(proxy, target, scope, ca);
    } catch (error) {
      if (scope.reason || !WORTH_A_TUNNEL.has(classifyCheckError(error).code)) throw error;
      directError = error;
    }
  }
  try {
    const started = performance.now();
    const tunnel = await openConnectTunnel(proxy, target, scope, ca);
    const echoed = await echoThroughTunnel(tunnel, target, scope, started, ca);
    return { echoed: direct ?? echoed, supportsConnect: true };
  } catch (error) {
    // The GET worked: a proxy without CONNECT (or one that timed out on it) is still a working proxy.
    if (direct && scope.reason?.code !== 'ABORTED') return { echoed: direct, supportsConnect: false };
    throw directError ?? error;
  }
}

function proxyAuthorization(proxy: ProxyEndpoint): Record<string, string> {
  if (proxy.username === undefined) return {};
  const credentials = Buffer.from(`${proxy.username}:${proxy.password ?? ''}`).toString('base64');
  return { 'proxy-authorization': `Basic ${credentials}` };
}

function targetPort(target: URL): number {
  return Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
}

/**
 * A request to the proxy itself on a connection of its own. No agent: `agent: false` would build a
 * new http.Agent per request, a cost that shows when thousands of checks start at once.
 */
function requestToProxy(proxy: ProxyEndpoint, options: http.RequestOptions, ca: CheckProxyOptions['ca']) {
  const connect = () =>
    proxy.protocol === 'https'
      ? tls.connect({
          host: proxy.address ?? proxy.host,
          port: proxy.port,
          // SNI takes names only; Node refuses an IP address there.
          servername: net.isIP(proxy.host) === 0 ? proxy.host : undefined,
          ca: ca as string | string[] | undefined,
        })
      : net.connect({ host: proxy.address ?? proxy.host, port: proxy.port });
  return http.request({ ...options, host: proxy.host, port: proxy.port, createConnection: connect });
}

function echoByAbsoluteUri(
  proxy: ProxyEndpoint,
  target: URL,
  scope: CheckScope,
  ca: CheckProxyOptions['ca'],
): Promise<Echoed> {
  const started = performance.now();
  const request = requestToProxy(
    proxy,
    {
      method: 'GET',
      path: target.href,
      headers: { host: target.host, ...ECHO_HEADERS, ...proxyAuthorization(proxy) },
    },
    ca,
  );
  return readEcho(scope.adopt(request), started);
}

function openConnectTunnel(
  proxy: ProxyEndpoint,
  target: URL,
  scope: CheckScope,
  ca: CheckProxyOptions['ca'],
): Promise<net.Socket> {
  const authority = `${target.hostname}:${targetPort(target)}`;
  const request = scope.adopt(
    requestToProxy(
      proxy,
      { method: 'CONNECT', path: authority, headers: { host: authority, ...proxyAuthorization(proxy) } },
      ca,
    ),
  );
  return new Promise((resolve, reject) => {
    request.once('error', reject);
    // Should Node ever hand a refused CONNECT over as an ordinary response.
    request.once('response', (response: http.IncomingMessage) => {
      response.resume();
      reject(statusError(response.statusCode ?? 0, 'CONNECT'));
    });
    // Node answers every response to a CONNECT here, whatever its status, with the raw socket.
    request.once('connect', (response: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      scope.adopt(socket);
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        socket.destroy();
        reject(statusError(status, 'CONNECT'));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.end();
  });
}

/** A TCP connection to a SOCKS proxy, its handshake (the socks package), then the echo through it. */
async function echoThroughSocks(
  proxy: ProxyEndpoint,
  target: URL,
  scope: CheckScope,
  { timeoutMs, ca }: Pick<CheckProxyOptions, 'timeoutMs' | 'ca'>,
): Promise<Echoed> {
  const started = performance.now();
  // Our own socket, so connection errors keep their system codes (the socks package keeps only messages).
  const socket = scope.adopt(net.connect({ host: proxy.address ?? proxy.host, port: proxy.port }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  await SocksClient.createConnection({
    proxy: {
      host: proxy.host,
      port: proxy.port,
      type: proxy.protocol === 'socks4' ? 4 : 5,
      userId: proxy.username,
      password: proxy.password,
    },
    command: 'connect',
    destination: { host: target.hostname, port: targetPort(target) },
    existing_socket: socket,
    // The scope's deadline ends the check. The package's own timer is never cleared and keeps the
    // client (and its socket) alive until it fires, so it must not be longer than the check.
    timeout: timeoutMs,
  });
  return echoThroughTunnel(socket, target, scope, started, ca);
}

/** The echo request inside a tunnel (CONNECT or SOCKS), with TLS when the check URL is https. */
function echoThroughTunnel(
  socket: net.Socket,
  target: URL,
  scope: CheckScope,
  started: number,
  ca: CheckProxyOptions['ca'],
): Promise<Echoed> {
  const secure = target.protocol === 'https:';
  const request = (secure ? https : http).request({
    host: target.hostname,
    port: targetPort(target),
    path: `${target.pathname}${target.search}`,
    method: 'GET',
    headers: { host: target.host, ...ECHO_HEADERS },
    // No agent: the request runs on the tunnel handed over here.
    createConnection: () =>
      secure
        ? scope.adopt(
            tls.connect({
              socket,
              servername: net.isIP(target.hostname) === 0 ? target.hostname : undefined,
              ca: ca as string | string[] | undefined,
            }),
          )
        : socket,
  });
  return readEcho(scope.adopt(request), started);
}

function statusError(status: number, what: string): ProxyCheckError {
  if (status === 407) return new ProxyCheckError('AUTH_FAILED', 'The proxy wants other credentials (407).');
  if (status === 502 || status === 503 || status === 504) {
    return new ProxyCheckError('PROXY_ERROR', `The proxy could not reach the check URL (${status}).`);
  }
  return new ProxyCheckError('BAD_RESPONSE', `${what} through the proxy answered ${status}.`);
}

/** Sends `request` and reads the echo it answers: 2xx, at most MAX_ECHO_BYTES of JSON. */
function readEcho(request: http.ClientRequest, started: number): Promise<Echoed> {
  return new Promise((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status > 299) {
        response.resume();
        reject(statusError(status, 'The check URL'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ECHO_BYTES) {
          request.destroy(
            new ProxyCheckError('BAD_RESPONSE', `The answer is larger than ${MAX_ECHO_BYTES} bytes.`),
          );
          return;
        }
        chunks.push(chunk);
      });
      response.once('error', reject);
      response.once('end', () => {
        const latencyMs = performance.now() - started;
        try {
          resolve({ echo: parseEcho(Buffer.concat(chunks).toString('utf8')), latencyMs });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.end();
  });
}

function parseEcho(body: string): CheckEcho {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ProxyCheckError('BAD_RESPONSE', 'The check URL did not answer JSON.');
  }
  const { origin, ip, headers } = (parsed ?? {}) as { origin?: unknown; ip?: unknown; headers?: unknown };
  const address = typeof origin === 'string' ? origin : typeof ip === 'string' ? ip : null;
  if (address === null || typeof headers !== 'object' || headers === null) {
    throw new ProxyCheckError('BAD_RESPONSE', 'The check URL did not answer { origin | ip, headers }.');
  }
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    normalized[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { origin: address, headers: normalized };
}

let interfaces: string[] | null = null;
/** The machine's own interface addresses (a proxy on the LAN may forward the private one). */
function interfaceAddresses(): string[] {
  interfaces ??= Object.values(os.networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .map((entry) => entry.address);
  return interfaces;
}
