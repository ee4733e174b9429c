import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '@fleetwright/config';
import { providerStickyKey } from '@fleetwright/contracts';
import { getSession, withTransaction } from '@fleetwright/db';
import { classifyAddress } from '@fleetwright/net-guard';
import { enqueueSessionStart } from '@fleetwright/queue';
import { loadKeyring, sealProviderPassword } from '@fleetwright/secrets';
import { startTestProxy, type TestProxy } from '@fleetwright/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  rpc,
  startLogsOf,
  startTestDatabase,
  type TestDatabase,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

/**
 * Issue 10: a session whose proxy is a provider entry. The entry's gateway is a real proxy on
 * loopback standing in for Oxylabs' (pr.oxylabs.io): it records the user names it was sent, which
 * is where a provider reads the exit's country and sticky session. The egress guard is on (as in
 * session-proxies.test.ts, 127.0.0.1 counts as public for it).
 */
let db: TestDatabase;
let config: Config;
let worker: WorkerHandle;
let site: http.Server;
let sitePort: number;
const gateways: TestProxy[] = [];
const SECRET = 'provider-secret-9f3b';

beforeAll(async () => {
  db = await startTestDatabase();
  site = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end('<title>public site</title>');
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  sitePort = (site.address() as AddressInfo).port;
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
        if (name === 'site.test') return ['127.0.0.1'];
        throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
      },
    },
  });
});

afterAll(async () => {
  await worker?.stop();
  await new Promise((closed) => site?.close(closed));
  await db?.stop();
});

afterEach(async () => {
  const { rows } = await db.database.pool.query<{ id: string }>(
    `SELECT id FROM sessions WHERE status IN ('STARTING', 'RUNNING')`,
  );
  for (const row of rows) {
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' }).catch(() => {});
  }
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close().catch(() => {})));
});

const siteUrl = () => `http://site.test:${sitePort}/`;

/** An Oxylabs entry of the organization whose gateway is a loopback proxy; its password sealed as the server seals it. */
async function oxylabsEntry(): Promise<{ id: string; gateway: TestProxy }> {
  const gateway = await startTestProxy();
  gateways.push(gateway);
  const { rows } = await db.database.pool.query<{ id: string }>(
    `INSERT INTO proxy_providers (organization_id, name, kind, username, password, host, port)
     VALUES ($1, $2, 'oxylabs', 'fleet', '', '127.0.0.1', $3) RETURNING id`,
    [db.organizationId, `Oxylabs ${gateway.port}`, gateway.port],
  );
  const id = rows[0]!.id;
  await db.database.pool.query('UPDATE proxy_providers SET password = $2 WHERE id = $1', [
    id,
    sealProviderPassword(loadKeyring(config), id, SECRET),
  ]);
  return { id, gateway };
}

function evaluate(id: string, expression: string): Promise<Response> {
  return rpc(worker, `/rpc/sessions/${id}/evaluate`, {
    method: 'POST',
    body: JSON.stringify({ expression }),
  });
}

async function restart(sessionId: string): Promise<void> {
  await rpc(worker, `/rpc/sessions/${sessionId}/stop`, { method: 'POST' });
  await waitForStatus(db, sessionId, 'STOPPED');
  await withTransaction(db.database.pool, async (tx) => {
    await tx.client.query(`UPDATE sessions SET status = 'PENDING' WHERE id = $1`, [sessionId]);
    await enqueueSessionStart(
      db.boss,
      { sessionId, organizationId: db.organizationId, attempt: 0, reason: 'restart' },
      { db: tx.client },
    );
  });
  await waitForStatus(db, sessionId, 'RUNNING');
}

describe('a session behind a provider entry', () => {
  it("goes out through the entry's gateway, as the provider's user for its country and sticky key", async () => {
    const entry = await oxylabsEntry();
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { providerId: entry.id, country: 'DE', sticky: true },
      geoFromProxy: true,
      locale: 'en-GB',
    });
    const running = await waitForStatus(db, row.id, 'RUNNING');
    const key = providerStickyKey(row.id);
    expect(entry.gateway.users).toEqual([`customer-fleet-cc-DE-sessid-${key}`]);
    expect(running).toMatchObject({
      proxyProviderId: entry.id,
      proxyProvider: { id: entry.id, kind: 'oxylabs' },
      proxyCountry: 'DE',
      proxyStickyKey: key,
      proxyId: null,
      locale: 'en-GB',
    });
    // geoFromProxy: the asked-for country gives the page its locale and time zone.
    const answer = await evaluate(
      row.id,
      '({ language: navigator.language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })',
    );
    expect(await answer.json()).toEqual({ value: { language: 'de-DE', timeZone: 'Europe/Berlin' } });
    const logs = JSON.stringify(await startLogsOf(db, row.id));
    expect(logs).toContain(
      `using proxy Oxylabs ${entry.gateway.port} via http://127.0.0.1:${entry.gateway.port} (DE)`,
    );
    expect(logs).not.toContain(SECRET);
  });

  it('keeps its sticky key (its exit) across a restart', async () => {
    const entry = await oxylabsEntry();
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { providerId: entry.id, sticky: true },
    });
    await waitForStatus(db, row.id, 'RUNNING');
    await restart(row.id);
    expect(entry.gateway.users).toEqual([`customer-fleet-sessid-${providerStickyKey(row.id)}`]);
  });

  it('asks for rotating exits without a sticky key', async () => {
    const entry = await oxylabsEntry();
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { providerId: entry.id, country: 'FR', sticky: false },
    });
    expect((await waitForStatus(db, row.id, 'RUNNING')).proxyStickyKey).toBeNull();
    expect(entry.gateway.users).toEqual(['customer-fleet-cc-FR']);
  });

  it('rotates to a new sticky key: a new exit of the same entry', async () => {
    const entry = await oxylabsEntry();
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { providerId: entry.id, country: 'US', sticky: true },
      proxyRotation: { onFailure: false, everyMinutes: 1 },
    });
    await waitForStatus(db, row.id, 'RUNNING');
    const first = providerStickyKey(row.id);
    const rotated = await waitFor(
      'the session running with a new sticky key',
      async () => {
        const current = await getSession(db.database.db, row);
        return current?.status === 'RUNNING' && current.proxyStickyKey !== first ? current : undefined;
      },
      15_000,
    );
    expect(rotated.proxyStickyKey).toMatch(/^[A-Za-z0-9]{1,24}$/);
    expect(entry.gateway.users.slice(0, 2)).toEqual([
      `customer-fleet-cc-US-sessid-${first}`,
      `customer-fleet-cc-US-sessid-${rotated.proxyStickyKey}`,
    ]);
  });

  it('fails with PROXY_PROVIDER_NOT_FOUND when its entry is gone', async () => {
    const entry = await oxylabsEntry();
    await db.database.pool.query('DELETE FROM proxy_providers WHERE id = $1', [entry.id]);
    const row = await createSession(db, {
      startUrl: siteUrl(),
      proxy: { providerId: entry.id, sticky: true },
    });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toMatch(/^PROXY_PROVIDER_NOT_FOUND: /);
    expect(entry.gateway.tracker.total).toBe(0);
  });
});
