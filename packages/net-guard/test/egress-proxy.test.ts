import http, { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyAddress, type EgressProxy, startEgressProxy } from '../src/index.ts';

/** Nothing public is reachable from a test: 127.0.0.1 plays the public site, 127.0.0.2 the private one. */
const classify = (address: string) => (address === '127.0.0.1' ? 'public' : classifyAddress(address));
const names: Record<string, string[]> = {
  'site.test': ['127.0.0.1'],
  'internal.test': ['127.0.0.2'],
  'mixed.test': ['127.0.0.1', '127.0.0.2'],
};
const resolve = async (name: string) => {
  const found = names[name];
  if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
  return found;
};

let publicSite: Server;
let privateSite: Server;
let port: number;
let privateHits = 0;
let proxy: EgressProxy;
const refusals: string[] = [];

beforeAll(async () => {
  publicSite = createServer((request, response) => response.end(`public ${request.headers.host}`));
  await new Promise<void>((listening) => publicSite.listen(0, '127.0.0.1', listening));
  port = (publicSite.address() as AddressInfo).port;
  privateSite = createServer((_request, response) => {
    privateHits += 1;
    response.end('private');
  });
  await new Promise<void>((listening) => privateSite.listen(port, '127.0.0.2', listening));
  proxy = await startEgressProxy({ resolve, classify, onRefused: ({ target }) => refusals.push(target) });
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((closed) => publicSite.close(closed));
  await new Promise((closed) => privateSite.close(closed));
});

/** A plain-HTTP request in absolute form, as a browser sends it to its proxy. */
function viaProxy(url: string): Promise<{ status: number; body: string }> {
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

/** Opens a CONNECT tunnel and answers the status line the proxy sent. */
function tunnel(target: string): Promise<string> {
  const proxyUrl = new URL(proxy.url);
  return new Promise((resolved, rejected) => {
    const socket = connect(Number(proxyUrl.port), proxyUrl.hostname, () => {
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    });
    socket.once('data', (chunk) => {
      resolved(chunk.toString().split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', rejected);
  });
}

describe('startEgressProxy', () => {
  it('forwards requests to public addresses, by name or IP', async () => {
    expect(await viaProxy(`http://site.test:${port}/`)).toEqual({
      status: 200,
      body: `public site.test:${port}`,
    });
    expect((await viaProxy(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(await tunnel(`site.test:${port}`)).toMatch(/^HTTP\/1\.1 200/);
  });

  it.each([
    ['an IP literal', '127.0.0.2'],
    ['a name resolving to it', 'internal.test'],
    ['a name with one private address among public ones', 'mixed.test'],
    ['localhost', 'localhost'],
  ])('refuses a private target given as %s, without connecting to it', async (_what, host) => {
    const before = privateHits;
    const answer = await viaProxy(`http://${host}:${port}/`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("Blocked by Fleetwright's SSRF guard");
    expect(await tunnel(`${host}:${port}`)).toMatch(/^HTTP\/1\.1 403/);
    expect(privateHits).toBe(before);
    expect(refusals).toContain(`${host}:${port}`);
  });

  it('connects to the address it checked, not to what the name resolves to a moment later', async () => {
    let calls = 0;
    const rebinding = await startEgressProxy({
      classify,
      onRefused: () => {},
      // First answer public (the check), then private (any later lookup): DNS rebinding.
      resolve: async () => (calls++ === 0 ? ['127.0.0.1'] : ['127.0.0.2']),
    });
    try {
      const proxyUrl = new URL(rebinding.url);
      const answer = await new Promise<{ status: number; body: string }>((resolved, rejected) => {
        http
          .request(
            {
              host: proxyUrl.hostname,
              port: proxyUrl.port,
              path: `http://rebind.test:${port}/`,
              headers: { host: `rebind.test:${port}` },
            },
            (response) => {
              let body = '';
              response.on('data', (chunk) => {
                body += chunk;
              });
              response.on('end', () => resolved({ status: response.statusCode ?? 0, body }));
            },
          )
          .on('error', rejected)
          .end();
      });
      expect(answer).toEqual({ status: 200, body: `public rebind.test:${port}` });
      expect(calls).toBe(1);
      expect(privateHits).toBe(0);
    } finally {
      await rebinding.close();
    }
  });
});
