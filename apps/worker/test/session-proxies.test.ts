import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@fleetwright/config';
import type { SessionProxy } from '@fleetwright/contracts';
import { getSession, withTransaction } from '@fleetwright/db';
import { classifyAddress } from '@fleetwright/net-guard';
import { enqueueSessionStart } from '@fleetwright/queue';
import { loadKeyring, sealProxyPassword } from '@fleetwright/secrets';
import { startTestProxy, type TestProxy } from '@fleetwright/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  logsOf,
  rpc,
  startLogsOf,
  startTestDatabase,
  type TestDatabase,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

/**
 * Issue 10: sessions behind proxies of the organization's pool, with the egress guard on (as in
 * egress.test.ts: 127.0.0.1 counts as public for the guard, `site.test` is the site, 127.0.0.2 plays
 * an internal host). The pool's proxies are real proxy servers on loopback that count the
 * connections they get.
 */
let db: TestDatabase;
let config: Config;
let worker: WorkerHandle;
let site: http.Server;
let sitePort: number;
let internal: http.Server;
let internalHits = 0;
const proxies: TestProxy[] = [];

const names: Record<string, string[]> = { 'site.test': ['127.0.0.1'], 'internal.test': ['127.0.0.2'] };

beforeAll(async () => {
  db = await startTestDatabase();
  site = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<title>public site</title>');
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  sitePort = (site.address() as AddressInfo).port;
  internal = http.createServer((_request, response) => {
    internalHits += 1;
    response.end('<title>internal</title>');
  });
  await new Promise<void>((listening) => internal.listen(sitePort, '127.0.0.2', listening));
  config = testConfig(db.tmpDir, { ALLOW_PRIVATE_TARGETS: '0' });
  worker = await startWorker({
    config,
    databaseUrl: db.connectionString,
    capacity: 10,
    // proxyRotation.everyMinutes: a "minute" of 2 s here.
    rotationMinuteMs: 2000,
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

beforeEach(async () => {
  await db.database.pool.query('DELETE FROM proxies');
});

afterEach(async () => {
  for (const sessionRow of (
    await db.database.pool.query<{ id: string }>(
      `SELECT id FROM sessions WHERE status IN ('STARTING', 'RUNNING')`,
    )
  ).rows) {
    await rpc(worker, `/rpc/sessions/${sessionRow.id}/stop`, { method: 'POST' }).catch(() => {});
  }
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close().catch(() => {})));
});

const siteUrl = () => `http://site.test:${sitePort}/`;

async function poolProxy(
  values: {
    country?: string;
    lastUsedMinutesAgo?: number;
    auth?: { username: string; password: string };
  } = {},
): Promise<{ id: string; server: TestProxy }> {
  const server = await startTestProxy({ auth: values.auth });
  proxies.push(server);
  const { rows } = await db.database.pool.query<{ id: string }>(
    `INSERT INTO proxies (organization_id, host, port, status, country, username, last_used_at)
     VALUES ($1, '127.0.0.1', $2, 'HEALTHY', $3, $4, now() - make_interval(mins => $5)) RETURNING id`,
    [
      db.organizationId,
      server.port,
      values.country ?? null,
      values.auth?.username ?? null,
      values.lastUsedMinutesAgo ?? null,
    ],
  );
  const id = rows[0]!.id;
  if (values.auth) {
    const sealed = sealProxyPassword(loadKeyring(config), id, values.auth.password);
    await db.database.pool.query('UPDATE proxies SET password = $2 WHERE id = $1', [id, sealed]);
  }
  return { id, server };
}

async function proxyRow(id: string) {
  const { rows } = await db.database.pool.query(
    'SELECT consecutive_failures, last_used_at FROM proxies WHERE id = $1',
    [id],
  );
  return rows[0] as { consecutive_failures: number; last_used_at: Date | null };
}

async function failedChecks(id: string): Promise<string[]> {
  const { rows } = await db.database.pool.query(
    'SELECT error FROM proxy_checks WHERE proxy_id = $1 AND NOT ok',
    [id],
  );
  return rows.map((row: { error: string }) => row.error);
}

function evaluate(id: string, expression: string): Promise<Response> {
  return rpc(worker, `/rpc/sessions/${id}/evaluate`, {
    method: 'POST',
    body: JSON.stringify({ expression }),
  });
}

function navigate(id: string, url: string): Promise<Response> {
  return rpc(worker, `/rpc/sessions/${id}/navigate`, { method: 'POST', body: JSON.stringify({ url }) });
}

const rotating: SessionProxy = { strategy: 'least-recently-used' };
const onFailure = { onFailure: true, everyMinutes: null };

describe('a session behind a pool proxy', () => {
  it('goes out through the proxy, with the password decrypted from the keyring', async () => {
    const proxy = await poolProxy({ auth: { username: 'fleet', password: 'pool-secret' }, country: 'DE' });
    const row = await createSession(db, { startUrl: siteUrl(), proxy: { proxyId: proxy.id } });
    const running = await waitForStatus(db, row.id, 'RUNNING');
    expect(running).toMatchObject({ proxyId: proxy.id, proxyCountry: 'DE' });
    expect(proxy.server.tracker.total).toBeGreaterThan(0);
    const logs = await startLogsOf(db, row.id);
    const using = logs.find((line) => line.message.startsWith('using proxy'));
    expect(using?.message).toBe(`using proxy http://127.0.0.1:${proxy.server.port} (DE)`);
    expect(JSON.stringify(logs)).not.toContain('pool-secret');
  });

  it('cannot reach a private address through it, and the refusal rotates nothing', async () => {
    const first = await poolProxy();
    const second = await poolProxy();
    const row = await createSession(db, { startUrl: siteUrl(), proxy: rotating, proxyRotation: onFailure });
    const running = await waitForStatus(db, row.id, 'RUNNING');
    const answer = await navigate(row.id, `http://internal.test:${sitePort}/`);
    expect(answer.status).toBe(422);
    expect(internalHits).toBe(0);
    const after = await getSession(db.database.db, row);
    expect(after).toMatchObject({ status: 'RUNNING', proxyId: running.proxyId });
    for (const proxy of [first, second]) expect((await proxyRow(proxy.id)).consecutive_failures).toBe(0);
  });

  it('takes locale and time zone from the proxy country with geoFromProxy', async () => {
    await poolProxy({ country: 'JP' });
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { strategy: 'country', country: 'JP' },
      geoFromProxy: true,
      locale: 'en-GB',
    });
    await waitForStatus(db, row.id, 'RUNNING');
    const answer = await evaluate(
      row.id,
      '({ language: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })',
    );
    expect(await answer.json()).toEqual({ value: { language: 'ja-JP', timeZone: 'Asia/Tokyo' } });
    // The session's own setting stays as the user set it.
    expect((await getSession(db.database.db, row))?.locale).toBe('en-GB');
  });

  it('fails with the code in lastError when no proxy fits at the start', async () => {
    await poolProxy({ country: 'FR' });
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { strategy: 'country', country: 'DE' },
    });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toMatch(/^NO_PROXY_IN_COUNTRY: /);
    await db.database.pool.query(`UPDATE proxies SET status = 'DOWN'`);
    const none = await createSession(db, { startUrl: siteUrl(), proxy: { strategy: 'weighted' } });
    expect((await waitForStatus(db, none.id, 'ERROR')).lastError).toMatch(/^NO_HEALTHY_PROXY: /);
  });
});

describe('changing the proxy', () => {
  it('restarts behind the proxy the server assigned, the old one seeing nothing more', async () => {
    const first = await poolProxy({ lastUsedMinutesAgo: 10 });
    const second = await poolProxy({ lastUsedMinutesAgo: 5 });
    const row = await createSession(db, { startUrl: siteUrl(), proxy: rotating });
    expect((await waitForStatus(db, row.id, 'RUNNING')).proxyId).toBe(first.id);
    // What PATCH /sessions/:id { proxy } does to a running session: the new proxy on the row, then
    // the restart path (stop on the worker, PENDING, a start job).
    await db.database.pool.query(`UPDATE sessions SET proxy = $2, proxy_id = $3 WHERE id = $1`, [
      row.id,
      JSON.stringify({ proxyId: second.id }),
      second.id,
    ]);
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
    await waitForStatus(db, row.id, 'STOPPED');
    const firstSaw = first.server.tracker.total;
    await withTransaction(db.database.pool, async (tx) => {
      await tx.client.query(`UPDATE sessions SET status = 'PENDING' WHERE id = $1`, [row.id]);
      await enqueueSessionStart(
        db.boss,
        { sessionId: row.id, organizationId: db.organizationId, attempt: 0, reason: 'restart' },
        { db: tx.client },
      );
    });
    const restarted = await waitForStatus(db, row.id, 'RUNNING');
    expect(restarted.proxyId).toBe(second.id);
    expect(second.server.tracker.total).toBeGreaterThan(0);
    expect(first.server.tracker.total).toBe(firstSaw);
  });
});

describe('rotation on failure', () => {
  it('moves a running session to the next proxy when its proxy fails: the new proxy carries the traffic', async () => {
    const first = await poolProxy({ lastUsedMinutesAgo: 10 });
    const second = await poolProxy({ lastUsedMinutesAgo: 5 });
    const row = await createSession(db, { startUrl: siteUrl(), proxy: rotating, proxyRotation: onFailure });
    const running = await waitForStatus(db, row.id, 'RUNNING');
    expect(running.proxyId).toBe(first.id);
    const seenBefore = second.server.tracker.total;
    await first.server.close();
    const answer = await navigate(row.id, `${siteUrl()}next`);
    expect(answer.status).toBe(422);
    const rotated = await waitFor(
      'the session running behind the second proxy',
      async () => {
        const current = await getSession(db.database.db, row);
        return current?.status === 'RUNNING' && current.proxyId === second.id ? current : undefined;
      },
      15_000,
    );
    expect(rotated.currentUrl).toBe(siteUrl());
    expect(second.server.tracker.total).toBeGreaterThan(seenBefore);
    expect((await proxyRow(first.id)).consecutive_failures).toBe(1);
    expect(await failedChecks(first.id)).toEqual(['REFUSED']);
    const leaving = `leaving proxy http://127.0.0.1:${first.server.port}: navigation failed (REFUSED)`;
    const using = `using proxy http://127.0.0.1:${second.server.port}`;
    await waitFor('the rotation log lines', async () => {
      const lines = (await logsOf(db, row.id)).map((line) => line.message);
      return lines.includes(leaving) && lines.includes(using);
    });
    // Still usable afterwards, through the new proxy.
    expect((await navigate(row.id, `${siteUrl()}again`)).status).toBe(200);
  });

  it('rotates while starting when the first proxy is dead, and counts the failure', async () => {
    const dead = await poolProxy({ lastUsedMinutesAgo: 10 });
    await dead.server.close();
    const good = await poolProxy({ lastUsedMinutesAgo: 5 });
    const row = await createSession(db, { startUrl: siteUrl(), proxy: rotating, proxyRotation: onFailure });
    const running = await waitForStatus(db, row.id, 'RUNNING');
    expect(running.proxyId).toBe(good.id);
    expect(good.server.tracker.total).toBeGreaterThan(0);
    expect((await proxyRow(dead.id)).consecutive_failures).toBe(1);
    expect(await failedChecks(dead.id)).toEqual(['REFUSED']);
  });

  it('rotates on a timer with everyMinutes, counting no failure', async () => {
    const first = await poolProxy({ lastUsedMinutesAgo: 10 });
    const second = await poolProxy({ lastUsedMinutesAgo: 5 });
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: rotating,
      proxyRotation: { onFailure: false, everyMinutes: 1 },
    });
    expect((await waitForStatus(db, row.id, 'RUNNING')).proxyId).toBe(first.id);
    await waitFor(
      'the session running behind the second proxy',
      async () => {
        const current = await getSession(db.database.db, row);
        return current?.status === 'RUNNING' && current.proxyId === second.id;
      },
      15_000,
    );
    expect(second.server.tracker.total).toBeGreaterThan(0);
    const leaving = `leaving proxy http://127.0.0.1:${first.server.port}: every 1 min`;
    await waitFor('the rotation log line', async () =>
      (await logsOf(db, row.id)).some((line) => line.message === leaving),
    );
    expect(await failedChecks(first.id)).toEqual([]);
  });

  it('keeps its proxy on a timed rotation when it is the only candidate', async () => {
    const only = await poolProxy();
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: rotating,
      proxyRotation: { onFailure: false, everyMinutes: 1 },
    });
    await waitForStatus(db, row.id, 'RUNNING');
    const leaving = `leaving proxy http://127.0.0.1:${only.server.port}: every 1 min`;
    await waitFor(
      'a timed rotation',
      async () => (await logsOf(db, row.id)).some((line) => line.message === leaving),
      15_000,
    );
    const after = await waitForStatus(db, row.id, 'RUNNING');
    expect(after.proxyId).toBe(only.id);
    expect(after.lastError).toBeNull();
  });

  it('does not rotate when the session does not ask for it: the start fails', async () => {
    const dead = await poolProxy({ lastUsedMinutesAgo: 10 });
    await dead.server.close();
    await poolProxy({ lastUsedMinutesAgo: 5 });
    const row = await createSession(db, { startUrl: siteUrl(), proxy: rotating });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.proxyId).toBe(dead.id);
    expect((await proxyRow(dead.id)).consecutive_failures).toBe(0);
  });
});
