import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSession } from '@fleetwright/db';
import { classifyAddress } from '@fleetwright/net-guard';
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
