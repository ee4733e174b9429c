import http, { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { freePort } from '@fleetwright/testing';
import { createServer as createSocksServer, type Socks5Server } from '@pondwader/socks5-server';
import { Server as ProxyServer } from 'proxy-chain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyAddress,
  compilePrivateTargets,
  type EgressProxy,
  type EgressProxyOptions,
  startEgressProxy,
} from '../src/index.ts';

/**
 * The egress guard chained to a user's proxy (issue 10). Nothing public is reachable from a test:
 * 127.0.0.1 plays the public internet (the site and the user's proxies live there), 127.0.0.2 and
 * 127.0.0.3 two hosts of a private network.
 */
const classify = (address: string) => (address === '127.0.0.1' ? 'public' : classifyAddress(address));
const names: Record<string, string[]> = {
  'site.test': ['127.0.0.1'],
  'internal.test': ['127.0.0.2'],
  'other-internal.test': ['127.0.0.3'],
};
const resolve = async (name: string) => {
  const found = names[name];
  if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
  return found;
};

const CREDENTIALS = { username: 'fleet', password: 's3cret:@/' };
const credentials = `${encodeURIComponent(CREDENTIALS.username)}:${encodeURIComponent(CREDENTIALS.password)}`;

let site: Server;
let port: number;
const privateHits: Record<string, number> = { '127.0.0.2': 0, '127.0.0.3': 0 };
const privateSites: Server[] = [];
/** Every target the user's HTTP proxy was asked for, as it saw it. */
const httpProxySaw: string[] = [];
let httpProxy: ProxyServer;
/** Every destination the user's SOCKS5 proxy was asked for. */
const socksProxySaw: string[] = [];
let socksProxy: Socks5Server;
let socksPort: number;
const guards: EgressProxy[] = [];

beforeAll(async () => {
  site = createServer((request, response) => response.end(`public ${request.headers.host}`));
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  port = (site.address() as AddressInfo).port;
  for (const address of ['127.0.0.2', '127.0.0.3']) {
    const internal = createServer((request, response) => {
      privateHits[address] = (privateHits[address] ?? 0) + 1;
      response.end(`private ${request.headers.host}`);
    });
    await new Promise<void>((listening) => internal.listen(port, address, listening));
    privateSites.push(internal);
  }
  // The user's HTTP proxy: Basic auth, CONNECT and plain forwarding (proxy-chain, as a stranger's proxy).
  httpProxy = new ProxyServer({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ username, password, hostname, port: targetPort }) => {
      httpProxySaw.push(`${hostname}:${targetPort}`);
      return {
        requestAuthentication: username !== CREDENTIALS.username || password !== CREDENTIALS.password,
      };
    },
  });
  await httpProxy.listen();
  socksProxy = createSocksServer({ auth: CREDENTIALS });
  socksProxy.setRulesetValidator((connection) => {
    socksProxySaw.push(`${connection.destAddress}:${connection.destPort}`);
    return true;
  });
  socksPort = await freePort();
  await new Promise<void>((listening) => socksProxy.listen(socksPort, '127.0.0.1', listening));
});

afterEach(async () => {
  await Promise.all(guards.splice(0).map((guard) => guard.close()));
  httpProxySaw.length = 0;
  socksProxySaw.length = 0;
});

afterAll(async () => {
  await httpProxy?.close(true);
  await new Promise((closed) => socksProxy?.close(closed));
  await new Promise((closed) => site?.close(closed));
  for (const internal of privateSites) await new Promise((closed) => internal.close(closed));
});

async function guard(options: Partial<EgressProxyOptions> = {}): Promise<EgressProxy> {
  const started = await startEgressProxy({ resolve, classify, onRefused: () => {}, ...options });
  guards.push(started);
  return started;
}

const httpUpstream = () => `http://${credentials}@127.0.0.1:${httpProxy.port}`;
const socksUpstream = () => `socks5://${credentials}@127.0.0.1:${socksPort}`;

/** A plain-HTTP request in absolute form, as a browser sends it to its proxy. */
function viaProxy(proxy: EgressProxy, url: string): Promise<{ status: number; body: string }> {
  const proxyUrl = new URL(proxy.url);
  return new Promise((resolved, rejected) => {
    const request = http.request(
      { host: proxyUrl.hostname, port: proxyUrl.port, path: url, headers: { host: new URL(url).host } },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolved({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', rejected);
    request.end();
  });
}

/**
 * Opens a CONNECT tunnel to `target`; when it is established, sends a GET through it and answers
 * the site's body, otherwise the proxy's status line.
 */
function throughTunnel(proxy: EgressProxy, target: string): Promise<string> {
  const proxyUrl = new URL(proxy.url);
  return new Promise((resolved, rejected) => {
    let received = '';
    let established = false;
    const socket = connect(Number(proxyUrl.port), proxyUrl.hostname, () => {
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    });
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (!established) {
        const end = received.indexOf('\r\n\r\n');
        if (end === -1) return;
        const statusLine = received.split('\r\n')[0] ?? '';
        if (!/^HTTP\/1\.1 200/.test(statusLine)) {
          resolved(statusLine);
          socket.destroy();
          return;
        }
        established = true;
        received = received.slice(end + 4);
        socket.write(`GET / HTTP/1.1\r\nHost: ${target}\r\nConnection: close\r\n\r\n`);
      }
    });
    socket.on('end', () => resolved(received.slice(received.indexOf('\r\n\r\n') + 4)));
    socket.on('error', rejected);
  });
}

describe.each([
  ['an HTTP proxy with credentials', httpUpstream, () => httpProxySaw],
  ['a SOCKS5 proxy with credentials', socksUpstream, () => socksProxySaw],
])('the egress guard chained to %s', (_what, upstream, saw) => {
  it('reaches a public site through it, asking it for the checked address with the Host header intact', async () => {
    const proxy = await guard({ upstream: upstream() });
    expect(await viaProxy(proxy, `http://site.test:${port}/`)).toEqual({
      status: 200,
      body: `public site.test:${port}`,
    });
    expect(await throughTunnel(proxy, `site.test:${port}`)).toBe(`public site.test:${port}`);
    // The name never reaches the upstream: it could resolve differently from there.
    expect(saw()).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
  });

  it.each([
    ['by IP', '127.0.0.2'],
    ['by a name', 'internal.test'],
    ['as localhost', 'localhost'],
  ])('refuses a private target %s before the proxy sees anything', async (_how, host) => {
    const refusals: string[] = [];
    const before = privateHits['127.0.0.2'];
    const proxy = await guard({ upstream: upstream(), onRefused: ({ target }) => refusals.push(target) });
    const answer = await viaProxy(proxy, `http://${host}:${port}/`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("Blocked by Fleetwright's SSRF guard");
    expect(await throughTunnel(proxy, `${host}:${port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(saw()).toEqual([]);
    expect(privateHits['127.0.0.2']).toBe(before);
    expect(refusals).toEqual([`${host}:${port}`, `${host}:${port}`]);
  });
});

describe('the egress guard with an upstream proxy', () => {
  it('fails the request, rather than going direct, when the proxy refuses the credentials', async () => {
    const proxy = await guard({ upstream: `http://fleet:wrong@127.0.0.1:${httpProxy.port}` });
    const answer = await viaProxy(proxy, `http://site.test:${port}/`);
    expect(answer.status).toBeGreaterThanOrEqual(590);
    expect(await throughTunnel(proxy, `site.test:${port}`)).toMatch(/^HTTP\/1\.1 59\d/);
  });

  it("refuses a proxy whose own host is private, unless the organization's private targets list it", async () => {
    const privateProxy = new ProxyServer({ port: 0, host: '127.0.0.2' });
    await privateProxy.listen();
    try {
      const refused = await guard({ upstream: `http://127.0.0.2:${privateProxy.port}` });
      const answer = await viaProxy(refused, `http://site.test:${port}/`);
      expect(answer.status).toBe(403);
      expect(answer.body).toContain(`proxy 127.0.0.2:${privateProxy.port} points to a loopback address`);
      const allowed = await guard({
        upstream: `http://127.0.0.2:${privateProxy.port}`,
        privateTargets: compilePrivateTargets(['127.0.0.2']),
      });
      expect((await viaProxy(allowed, `http://site.test:${port}/`)).status).toBe(200);
    } finally {
      await privateProxy.close(true);
    }
  });
});

describe("the egress guard with an organization's private targets", () => {
  it('lets exactly the listed range through, by address or by a name resolving into it', async () => {
    const proxy = await guard({ privateTargets: compilePrivateTargets(['127.0.0.2/32']) });
    expect(await viaProxy(proxy, `http://internal.test:${port}/`)).toEqual({
      status: 200,
      body: `private internal.test:${port}`,
    });
    expect(await throughTunnel(proxy, `127.0.0.2:${port}`)).toBe(`private 127.0.0.2:${port}`);
    const before = privateHits['127.0.0.3'];
    expect((await viaProxy(proxy, `http://other-internal.test:${port}/`)).status).toBe(403);
    expect(await throughTunnel(proxy, `127.0.0.3:${port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(privateHits['127.0.0.3']).toBe(before);
  });

  it('lets a listed name through whatever it resolves to, and nothing else', async () => {
    const proxy = await guard({ privateTargets: compilePrivateTargets(['*.test', 'internal.test']) });
    expect((await viaProxy(proxy, `http://internal.test:${port}/`)).status).toBe(200);
    expect((await viaProxy(proxy, `http://127.0.0.2:${port}/`)).status).toBe(403);
  });

  it('takes a new list from setPrivateTargets, as a warm context does from the session that takes it', async () => {
    const proxy = await guard();
    expect((await viaProxy(proxy, `http://internal.test:${port}/`)).status).toBe(403);
    proxy.setPrivateTargets(compilePrivateTargets(['127.0.0.0/30']));
    expect((await viaProxy(proxy, `http://internal.test:${port}/`)).status).toBe(200);
    proxy.setPrivateTargets(null);
    expect((await viaProxy(proxy, `http://internal.test:${port}/`)).status).toBe(403);
  });

  it('sends a listed private target through the upstream too', async () => {
    const proxy = await guard({
      upstream: httpUpstream(),
      privateTargets: compilePrivateTargets(['127.0.0.2/32']),
    });
    expect(await throughTunnel(proxy, `internal.test:${port}`)).toBe(`private internal.test:${port}`);
    expect(httpProxySaw).toEqual([`127.0.0.2:${port}`]);
  });
});
