import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { type SocksServerOptions, serveSocks } from './socks-server.ts';
import { TEST_TLS } from './test-tls.ts';

export type TestProxyProtocol = 'http' | 'https' | 'socks4' | 'socks5';

/**
 * What the proxy tells the target about the client, as real proxies do (HTTP proxies only; SOCKS
 * relays bytes and tells nothing):
 * - `nothing`: no proxy headers (an elite proxy);
 * - `proxy`: a `Via` header, but not the client's address (an anonymous proxy);
 * - `client`: `Via` and `X-Forwarded-For` with the client's address (a transparent proxy).
 */
export type TestProxyReveal = 'nothing' | 'proxy' | 'client';

/** Open connections of one or several test proxies, counted as the proxies see them. */
export class ConnectionTracker {
  /** Connections accepted so far. */
  total = 0;
  /** Connections open now. */
  open = 0;
  /** The most connections open at once. */
  peak = 0;

  /** Counts `socket` until its peer closes it or it ends, whichever the proxy sees first. */
  track(socket: net.Socket): void {
    this.total += 1;
    this.open += 1;
    this.peak = Math.max(this.peak, this.open);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      this.open -= 1;
    };
    socket.once('end', release);
    socket.once('close', release);
    socket.once('error', release);
  }
}

export interface TestProxyOptions {
  /** @default 'http' */
  protocol?: TestProxyProtocol;
  /**
   * Credentials the proxy demands: Basic `Proxy-Authorization` for http(s), username/password for
   * SOCKS5, the user id (`username`) for SOCKS4. @default none
   */
  auth?: { username: string; password: string };
  /** Whether an HTTP(S) proxy tunnels CONNECT requests (HTTPS support); refused with 405 otherwise. @default true */
  connect?: boolean;
  /** @default 'nothing' */
  reveal?: TestProxyReveal;
  /** Milliseconds the proxy waits before it forwards each request or opens each tunnel. @default 0 */
  delayMs?: number;
  /** Accepts connections, reads what is sent and never answers (any protocol). @default false */
  hang?: boolean;
  /**
   * Local address of the proxy's outgoing connections: the address the target sees (its exit).
   * Another 127.0.0.x than the client's 127.0.0.1 keeps "the target saw the client" apart from "the
   * target saw the proxy". @default '127.0.0.2'
   */
  exitAddress?: string;
  /** Address the proxy listens on. @default '127.0.0.1' */
  host?: string;
  /** Counts the proxy's connections; share one between proxies to count across them. @default a new one */
  tracker?: ConnectionTracker;
}

export interface TestProxy {
  protocol: TestProxyProtocol;
  host: string;
  port: number;
  /** `protocol://[user:pass@]host:port` */
  url: string;
  tracker: ConnectionTracker;
  /**
   * The user names of the Basic `Proxy-Authorization` headers an HTTP(S) proxy was sent, each once,
   * in order (whether it accepted them or not): what a provider's gateway reads country and sticky
   * session from.
   */
  users: string[];
  close(): Promise<void>;
}

function userOf(header: string | undefined): string | null {
  const match = header ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? decoded : decoded.slice(0, colon);
}

/**
 * Starts a proxy server on loopback: an HTTP forward proxy (absolute-URI requests and CONNECT), the
 * same over TLS (`https`, with TEST_TLS's certificate), or a SOCKS4/SOCKS5 server; or, with `hang`,
 * a listener that never answers. Hand-written rather than the `proxy` package, which always adds
 * Via and X-Forwarded-For and cannot refuse CONNECT, delay, or leave through another address.
 */
export async function startTestProxy(given: TestProxyOptions = {}): Promise<TestProxy> {
  const options = { ...given, exitAddress: given.exitAddress ?? '127.0.0.2' };
  const protocol = options.protocol ?? 'http';
  const tracker = options.tracker ?? new ConnectionTracker();
  const users: string[] = [];
  const host = options.host ?? '127.0.0.1';
  const server = options.hang
    ? createHangingServer()
    : protocol === 'socks4' || protocol === 'socks5'
      ? net.createServer((socket) => serveSocks(socket, socksOptions(protocol, options)))
      : createHttpProxy(protocol, options, users);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    tracker.track(socket);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.username)}:${encodeURIComponent(options.auth.password)}@`
    : '';
  return {
    protocol,
    host,
    port,
    url: `${protocol}://${credentials}${host}:${port}`,
    tracker,
    users,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A proxy address where nothing listens: a connection is refused at once. Port 1 (tcpmux) of a
 * 127.x address; `n` picks a distinct host, so many refusing proxies are distinct host:port pairs.
 */
export function refusingProxyAddress(n = 0): { host: string; port: number } {
  return { host: `127.0.${200 + Math.floor(n / 250)}.${1 + (n % 250)}`, port: 1 };
}

function createHangingServer(): net.Server {
  // Reads (so a client's close is seen) and never writes.
  return net.createServer((socket) => {
    socket.on('data', () => {});
    socket.on('error', () => {});
  });
}

function socksOptions(protocol: 'socks4' | 'socks5', options: TestProxyOptions): SocksServerOptions {
  return {
    version: protocol === 'socks4' ? 4 : 5,
    auth: options.auth,
    delayMs: options.delayMs ?? 0,
    exitAddress: options.exitAddress,
  };
}

/** RFC 7230 hop-by-hop headers, which a proxy does not forward. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function createHttpProxy(
  protocol: 'http' | 'https',
  options: TestProxyOptions,
  users: string[],
): http.Server {
  const server =
    protocol === 'https'
      ? https.createServer({ cert: TEST_TLS.cert, key: TEST_TLS.key })
      : http.createServer();
  const expected = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : null;
  const authorized = (request: http.IncomingMessage) => {
    const given = request.headers['proxy-authorization'];
    const user = userOf(given);
    if (user !== null && !users.includes(user)) users.push(user);
    return expected === null || given === expected;
  };
  const delay = () => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));

  server.on('request', async (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (!authorized(request)) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end('absolute URI expected');
      return;
    }
    await delay();
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    }
    if (options.reveal === 'proxy' || options.reveal === 'client') headers.via = '1.1 test-proxy';
    if (options.reveal === 'client') headers['x-forwarded-for'] = request.socket.remoteAddress;
    const upstream = http.request({
      host: target.hostname,
      port: target.port || 80,
      path: `${target.pathname}${target.search}`,
      method: request.method,
      headers,
      localAddress: options.exitAddress,
      agent: false,
    });
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
    request.pipe(upstream);
  });

  server.on('connect', async (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => {});
    if (options.connect === false) {
      client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    if (!authorized(request)) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm="test proxy"\r\ncontent-length: 0\r\n\r\n',
      );
      return;
    }
    const [hostname, port] = splitAuthority(request.url ?? '');
    await delay();
    const upstream = net.connect({ host: hostname, port, localAddress: options.exitAddress });
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (upstream.connecting) client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
  });
  return server;
}

/** `host:port` or `[v6]:port` of a CONNECT request. */
function splitAuthority(authority: string): [string, number] {
  const colon = authority.lastIndexOf(':');
  return [authority.slice(0, colon).replace(/^\[|\]$/g, ''), Number(authority.slice(colon + 1))];
}
