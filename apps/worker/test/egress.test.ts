import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSession, updateOrganization } from '@fleetwright/db';
import { classifyAddress } from '@fleetwright/net-guard';
import { createServer as createSocksServer, type Socks5Server } from '@pondwader/socks5-server';
import { createProxy, type ProxyServer } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  freePort,
  logsOf,
  rpc,
  startedLog,
  startRunning,
  startTestDatabase,
  type TestDatabase,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

/**
 * The SSRF guard in front of every session when private targets are not allowed (the default).
 * Nothing public is reachable from a test, so the guard is told that 127.0.0.1 is public and the
 * site is named `site.test`, a name only the guard's resolver knows: a page that loads at all went
 * through the guard. 127.0.0.2 plays the internal host.
 */

let db: TestDatabase;
let worker: WorkerHandle;
let site: http.Server;
let internal: http.Server;
let sitePort: number;
let internalHits = 0;
/** 127.0.0.3: another host of the private network, never listed. */
let otherInternal: http.Server;
let otherInternalHits = 0;
/** The user's proxies (issue 10): HTTP with Basic auth, SOCKS5 with credentials; what each was asked for. */
let httpProxy: ProxyServer;
const httpProxySaw: string[] = [];
let socksProxy: Socks5Server;
let socksPort: number;
const socksProxySaw: string[] = [];
const CREDENTIALS = { username: 'fleet', password: 'secret' };

const names: Record<string, string[]> = { 'site.test': ['127.0.0.1'], 'internal.test': ['127.0.0.2'] };

beforeAll(async () => {
  db = await startTestDatabase();
  site = http.createServer((request, response) => {
    if (request.url === '/to-internal') {
      response.writeHead(302, { location: `http://internal.test:${sitePort}/` }).end();
      return;
    }
    if (request.url === '/fetches-internal') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<title>fetcher</title><script>fetch('http://127.0.0.2:${sitePort}/secret').catch(() => {})</script>`,
        );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end('<title>public site</title>');
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  sitePort = (site.address() as AddressInfo).port;
  internal = http.createServer((_request, response) => {
    internalHits += 1;
    response.end('<title>internal</title>');
  });
  await new Promise<void>((listening) => internal.listen(sitePort, '127.0.0.2', listening));
  otherInternal = http.createServer((_request, response) => {
    otherInternalHits += 1;
    response.end('<title>other internal</title>');
  });
  await new Promise<void>((listening) => otherInternal.listen(sitePort, '127.0.0.3', listening));
  httpProxy = createProxy(http.createServer());
  const expected = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
  httpProxy.authenticate = (request) => request.headers['proxy-authorization'] === expected;
  httpProxy.on('request', (request: http.IncomingMessage) => httpProxySaw.push(request.url ?? ''));
  httpProxy.on('connect', (request: http.IncomingMessage) => httpProxySaw.push(request.url ?? ''));
  await new Promise<void>((listening) => httpProxy.listen(0, '127.0.0.1', listening));
  socksProxy = createSocksServer({ auth: CREDENTIALS });
  socksProxy.setRulesetValidator((connection) => {
    socksProxySaw.push(`${connection.destAddress}:${connection.destPort}`);
    return true;
  });
  socksPort = await freePort();
  await new Promise<void>((listening) => socksProxy.listen(socksPort, '127.0.0.1', listening));
  worker = await startWorker({
    config: testConfig(db.tmpDir, { ALLOW_PRIVATE_TARGETS: '0' }),
    databaseUrl: db.connectionString,
    capacity: 10,
    targetGuard: {
      classify: (address) => (address === '127.0.0.1' ? 'public' : classifyAddress(address)),
      resolve: async (name) => {
        const found = names[name];
        if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
        return found;
      },
    },
  });
});

afterAll(async () => {
  await worker?.stop();
  await new Promise((closed) => site?.close(closed));
  await new Promise((closed) => internal?.close(closed));
  await new Promise((closed) => otherInternal?.close(closed));
  httpProxy?.closeAllConnections();
  await new Promise((closed) => httpProxy?.close(closed));
  await new Promise((closed) => socksProxy?.close(closed));
  await db?.stop();
});

function navigate(id: string, url: string): Promise<Response> {
  return rpc(worker, `/rpc/sessions/${id}/navigate`, { method: 'POST', body: JSON.stringify({ url }) });
}

describe('the egress guard', () => {
  it.each(['context', 'browser'] as const)(
    'lets a %s session load a public site through it',
    async (isolation) => {
      const row = await startRunning(db, { startUrl: `http://site.test:${sitePort}/`, isolation });
      expect(row.currentUrl).toBe(`http://site.test:${sitePort}/`);
      // WebRTC's UDP would go around an HTTP proxy: the browser is told not to send any.
      expect(readFileSync(`/proc/${row.browserPid}/cmdline`, 'utf8').split('\0')).toContain(
        '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
      );
      await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
    },
  );

  it('refuses a redirect to an internal host, and says so in the navigate answer and the log', async () => {
    const row = await startRunning(db, { startUrl: `http://site.test:${sitePort}/` });
    const answer = await navigate(row.id, `http://site.test:${sitePort}/to-internal`);
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({
      code: 'NAVIGATION_FAILED',
      message: expect.stringContaining("Blocked by Fleetwright's SSRF guard"),
    });
    const blocked = await waitFor('the blocked connection in the log', async () =>
      (await logsOf(db, row.id)).find((log) =>
        log.message.startsWith(`blocked a connection to internal.test:${sitePort}`),
      ),
    );
    expect(blocked).toMatchObject({ level: 'warn', source: 'request' });
    expect(blocked.message).toContain('a loopback address (127.0.0.2)');
    expect(internalHits).toBe(0);
  });

  it("refuses a page's own requests to an internal address, in a warm context as in its own", async () => {
    // A warm context (WARM_CONTEXTS) was opened with its own egress proxy before the session existed;
    // its refusals go to the session that took it.
    await waitFor('a warm context', async () => worker.warmContexts() >= 1);
    const row = await startRunning(db, { startUrl: `http://site.test:${sitePort}/fetches-internal` });
    expect((await startedLog(db, row.id)).data).toMatchObject({ warmContext: true });
    await waitFor('the blocked fetch in the log', async () =>
      (await logsOf(db, row.id)).some((log) =>
        log.message.startsWith(`blocked a connection to 127.0.0.2:${sitePort}`),
      ),
    );
    expect(internalHits).toBe(0);
  });

  it('ends a start whose page is internal (however the URL got past the API) in ERROR, naming the guard', async () => {
    const row = await createSession(db, { startUrl: `http://127.0.0.2:${sitePort}/` });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toContain("Blocked by Fleetwright's SSRF guard");
    expect(internalHits).toBe(0);
  });

  it('still ends a start whose public page is unreachable in ERROR', async () => {
    const row = await createSession(db, { startUrl: `http://site.test:${await freePort()}/` });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toContain('could not be loaded');
    expect(
      (await getSession(db.database.db, { organizationId: db.organizationId, id: row.id }))?.status,
    ).toBe('ERROR');
  });
});

describe("the egress guard in front of a session's own proxy (issue 10)", () => {
  const httpProxyUrl = () =>
    `http://${CREDENTIALS.username}:${CREDENTIALS.password}@127.0.0.1:${(httpProxy.address() as AddressInfo).port}`;

  it('sends the page through the guard to the proxy, which is asked for the checked address', async () => {
    httpProxySaw.length = 0;
    const row = await startRunning(db, {
      startUrl: `http://site.test:${sitePort}/`,
      proxyUrl: httpProxyUrl(),
    });
    expect(row.currentUrl).toBe(`http://site.test:${sitePort}/`);
    expect(httpProxySaw).toContain(`127.0.0.1:${sitePort}`);
    // The name stays with the guard: resolved there, it cannot resolve to something else at the proxy.
    expect(httpProxySaw.some((target) => target.includes('site.test'))).toBe(false);
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
  });

  it('keeps a page behind a user proxy from private addresses; the proxy never sees those requests', async () => {
    const row = await startRunning(db, {
      startUrl: `http://site.test:${sitePort}/`,
      proxyUrl: httpProxyUrl(),
    });
    httpProxySaw.length = 0;
    const before = internalHits;
    const answer = await navigate(row.id, `http://site.test:${sitePort}/to-internal`);
    expect(answer.status).toBe(422);
    expect(await answer.json()).toMatchObject({
      message: expect.stringContaining("Blocked by Fleetwright's SSRF guard"),
    });
    expect((await navigate(row.id, `http://127.0.0.2:${sitePort}/`)).status).toBe(422);
    expect(internalHits).toBe(before);
    // The redirect itself came through the proxy; the private hops never reached it.
    expect(httpProxySaw.length).toBeGreaterThan(0);
    expect(httpProxySaw.every((target) => target === `127.0.0.1:${sitePort}`)).toBe(true);
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
  });

  it('uses a SOCKS5 proxy with credentials, which Chromium alone cannot', async () => {
    socksProxySaw.length = 0;
    const row = await startRunning(db, {
      startUrl: `http://site.test:${sitePort}/`,
      proxyUrl: `socks5://${CREDENTIALS.username}:${CREDENTIALS.password}@127.0.0.1:${socksPort}`,
    });
    expect(row.currentUrl).toBe(`http://site.test:${sitePort}/`);
    expect(socksProxySaw).toContain(`127.0.0.1:${sitePort}`);
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
  });

  it('fails the start, naming the proxy, when the proxy refuses the credentials', async () => {
    const port = (httpProxy.address() as AddressInfo).port;
    const row = await createSession(db, {
      startUrl: `http://site.test:${sitePort}/`,
      proxyUrl: `http://fleet:wrong@127.0.0.1:${port}`,
    });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toContain('egress guard');
  });
});

describe("an organization's private targets (issue 10)", () => {
  it('let its sessions reach exactly the listed range, in a warm context as in their own', async () => {
    await updateOrganization(db.database.db, db.organizationId, { privateTargets: ['127.0.0.2/32'] });
    try {
      await waitFor('a warm context', async () => worker.warmContexts() >= 1);
      const row = await startRunning(db, { startUrl: `http://internal.test:${sitePort}/` });
      expect((await startedLog(db, row.id)).data).toMatchObject({ warmContext: true });
      expect(row.currentUrl).toBe(`http://internal.test:${sitePort}/`);
      const refused = await navigate(row.id, `http://127.0.0.3:${sitePort}/`);
      expect(refused.status).toBe(422);
      expect(otherInternalHits).toBe(0);
      const own = await startRunning(db, { startUrl: `http://127.0.0.2:${sitePort}/`, isolation: 'browser' });
      expect(own.currentUrl).toBe(`http://127.0.0.2:${sitePort}/`);
      await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
      await rpc(worker, `/rpc/sessions/${own.id}/stop`, { method: 'POST' });
    } finally {
      await updateOrganization(db.database.db, db.organizationId, { privateTargets: [] });
    }
    const after = await createSession(db, { startUrl: `http://internal.test:${sitePort}/` });
    expect((await waitForStatus(db, after.id, 'ERROR')).lastError).toContain(
      "Blocked by Fleetwright's SSRF guard",
    );
  });
});
