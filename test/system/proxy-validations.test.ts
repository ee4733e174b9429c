import { randomUUID } from 'node:crypto';
import { publicUrl, readOrCreateSecret } from '@fleetwright/config';
import {
  type PoolProxy,
  type ProxyValidation,
  queues,
  type ServerEvent,
  type ServerEventName,
} from '@fleetwright/contracts';
import { insertOrganization, listenToChannel, updateOrganization } from '@fleetwright/db';
import { SessionEvents, SOCKET_IO_CHANNEL } from '@fleetwright/events';
import { createLogger } from '@fleetwright/logger';
import { enqueueProxyHealthPass } from '@fleetwright/queue';
import { loadKeyring } from '@fleetwright/secrets';
import { type App, buildApp, startMaintenance } from '@fleetwright/server';
import {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  freePort,
  refusingProxyAddress,
  startTestProxy,
  type TestProxy,
  waitFor,
} from '@fleetwright/testing';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { type ProxyJobs, type ProxyJobsOptions, startProxyJobs } from '@fleetwright/worker';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 10, validation runs and health checks: the API asks for a run, a worker's proxy jobs check
 * the proxies through real proxies on loopback against the server's own echo
 * (/api/v1/proxies/check-echo, as PROXY_CHECK_URL), and write results, health and events.
 */

const logger = createLogger({
  name: 'proxy-validations-test',
  level: process.env.TEST_LOG_LEVEL ?? 'silent',
});
let testDatabase: TestDatabase;
let port: number;
let app: App;
let baseUrl: string;
let administrator: Administrator;
let jobs: ProxyJobs | null = null;
const proxies: TestProxy[] = [];
/** Every event published through Postgres NOTIFY (the path the servers' Socket.IO adapter reads). */
const events: { name: ServerEventName; payload: unknown }[] = [];
let listener: pg.Client;
let clock: Date | null = null;

async function startApp(): Promise<void> {
  app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger,
  });
  await app.listen({ host: '127.0.0.1', port });
  baseUrl = `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  port = await freePort();
  testDatabase = await startTestDatabase({
    env: {
      PROXY_CHECK_URL: `http://127.0.0.1:${port}/api/v1/proxies/check-echo`,
      PROXY_CHECK_TIMEOUT_MS: '1500',
      PROXY_DOWN_AFTER: '3',
      PROXY_HEALTH_INTERVAL_MS: '600000',
      PROXY_CHECK_RETENTION_DAYS: '7',
    },
  });
  await startApp();
  administrator = await bootstrapAdministrator(fetchCall(baseUrl), {
    setupToken: readOrCreateSecret(testDatabase.config.DATA_DIR, 'setup-token'),
    origin: publicUrl(testDatabase.config),
  });
  listener = new pg.Client({ connectionString: testDatabase.connectionString });
  await listener.connect();
  listener.on('notification', (message) => {
    const { data } = JSON.parse(message.payload ?? '{}') as { data?: { packet?: { data?: unknown[] } } };
    const [name, payload] = data?.packet?.data ?? [];
    if (typeof name === 'string' && name.startsWith('proxy.'))
      events.push({ name: name as ServerEventName, payload });
  });
  await listenToChannel(listener, SOCKET_IO_CHANNEL);
});

afterEach(async () => {
  await stopJobs();
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await testDatabase.database.pool.query('DELETE FROM proxy_validations; DELETE FROM proxies');
  events.length = 0;
  clock = null;
});

afterAll(async () => {
  await listener?.end();
  await app?.close();
  await testDatabase?.stop();
});

/**
 * A worker's proxy jobs, in this process (no Chromium needed for proxy checks). The test proxies
 * listen on loopback, so the host screen is off unless a test turns it on (`{}`: the real guard).
 */
async function startJobs(targetGuard: ProxyJobsOptions['targetGuard'] = null): Promise<void> {
  const { database, boss, config } = testDatabase;
  jobs = await startProxyJobs({
    boss,
    database,
    keyring: loadKeyring(config),
    events: new SessionEvents(database.pool, logger),
    logger,
    config,
    targetGuard,
    pollingIntervalSeconds: 0.5,
    now: () => clock ?? new Date(),
  });
}

async function stopJobs(): Promise<void> {
  await jobs?.stop();
  jobs = null;
}

async function api<T = Record<string, unknown>>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}/api/v1${url}`, {
    method,
    headers: {
      authorization: `Bearer ${administrator.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function testProxy(options: Parameters<typeof startTestProxy>[0] = {}): Promise<TestProxy> {
  const proxy = await startTestProxy(options);
  proxies.push(proxy);
  return proxy;
}

async function addProxy(values: {
  protocol?: string;
  host: string;
  port: number;
  username?: string;
  password?: string;
}): Promise<PoolProxy> {
  const response = await api<PoolProxy>('POST', '/proxies', values);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function getProxy(id: string): Promise<PoolProxy> {
  return (await api<PoolProxy>('GET', `/proxies/${id}`)).body;
}

async function waitForRun(id: string, status: ProxyValidation['status']): Promise<ProxyValidation> {
  return waitFor(`validation run ${status}`, async () => {
    const run = (await api<ProxyValidation>('GET', `/proxies/validations/${id}`)).body;
    return run.status === status && run;
  });
}

function eventsNamed<N extends ServerEventName>(name: N): ServerEvent<N>[] {
  return events.filter((event) => event.name === name).map((event) => event.payload as ServerEvent<N>);
}

describe('a validation run over a mixed pool', () => {
  it('checks every proxy but the blacklisted one, ends COMPLETED and records status, exit, anonymity and history', async () => {
    const elite = await testProxy({ exitAddress: '127.0.0.2' });
    const transparent = await testProxy({ exitAddress: '127.0.0.3', reveal: 'client' });
    const socks = await testProxy({
      protocol: 'socks5',
      exitAddress: '127.0.0.4',
      auth: { username: 'user', password: 's3cret' },
    });
    const hanging = await testProxy({ hang: true });
    const guarded = await testProxy({ auth: { username: 'user', password: 'right' } });
    const blacklistedProxy = await testProxy();

    const working = await addProxy({ host: elite.host, port: elite.port });
    const revealing = await addProxy({ host: transparent.host, port: transparent.port });
    const withCredentials = await addProxy({
      protocol: 'socks5',
      host: socks.host,
      port: socks.port,
      username: 'user',
      password: 's3cret',
    });
    const refusing = await addProxy(refusingProxyAddress(0));
    const hangs = await addProxy({ host: hanging.host, port: hanging.port });
    const wrongPassword = await addProxy({
      host: guarded.host,
      port: guarded.port,
      username: 'user',
      password: 'wrong',
    });
    const blacklisted = await addProxy({ host: blacklistedProxy.host, port: blacklistedProxy.port });
    expect((await api('POST', `/proxies/${blacklisted.id}/blacklist`)).status).toBe(200);

    const asked = await api<ProxyValidation>('POST', '/proxies/validate', { all: true });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'QUEUED', total: 6, checked: 0, startedAt: null });

    await startJobs();
    const run = await waitForRun(asked.body.id, 'COMPLETED');
    expect(run).toMatchObject({ total: 6, checked: 6, succeeded: 3, failed: 3, error: null });
    expect(run.startedAt).not.toBeNull();
    expect(run.finishedAt).not.toBeNull();

    expect(await getProxy(working.id)).toMatchObject({
      status: 'HEALTHY',
      exitIp: '127.0.0.2',
      anonymity: 'elite',
      supportsConnect: true,
      successRate: 1,
      // Loopback has no place in the geolocation data.
      country: null,
    });
    expect(await getProxy(revealing.id)).toMatchObject({
      status: 'HEALTHY',
      exitIp: '127.0.0.3',
      anonymity: 'transparent',
    });
    expect(await getProxy(withCredentials.id)).toMatchObject({ status: 'HEALTHY', exitIp: '127.0.0.4' });
    for (const failed of [refusing, hangs, wrongPassword]) {
      const proxy = await getProxy(failed.id);
      // One failure is not DOWN yet (PROXY_DOWN_AFTER=3).
      expect(proxy).toMatchObject({ status: 'DEGRADED', exitIp: null, successRate: 0 });
      expect(proxy.lastCheckedAt).not.toBeNull();
    }
    const untouched = await getProxy(blacklisted.id);
    expect(untouched).toMatchObject({ status: 'BLACKLISTED', lastCheckedAt: null });
    expect(blacklistedProxy.tracker.total).toBe(0);

    const errors = Object.fromEntries(
      await Promise.all(
        [refusing, hangs, wrongPassword, working].map(async (proxy) => {
          const history = (
            await api<{ checks: { ok: boolean; error: string | null }[] }>(
              'GET',
              `/proxies/${proxy.id}/checks?hours=1`,
            )
          ).body;
          expect(history.checks).toHaveLength(1);
          return [proxy.id, history.checks[0]!.error];
        }),
      ),
    );
    expect(errors).toEqual({
      [refusing.id]: 'REFUSED',
      [hangs.id]: 'TIMEOUT',
      [wrongPassword.id]: 'AUTH_FAILED',
      [working.id]: null,
    });
    const history = (await api('GET', `/proxies/${working.id}/checks`)).body;
    expect(history).toMatchObject({ successRate: 1, checks: [{ ok: true, exitIp: '127.0.0.2' }] });
    expect(history.meanLatencyMs).toEqual(expect.any(Number));

    const validated = await waitFor('six proxy.validated events', () => {
      const received = eventsNamed('proxy.validated');
      return received.length === 6 && received;
    });
    expect(new Set(validated.map((event) => event.proxy.id))).toEqual(
      new Set([working, revealing, withCredentials, refusing, hangs, wrongPassword].map((proxy) => proxy.id)),
    );
    expect(validated.every((event) => event.organizationId === administrator.organizationId)).toBe(true);
    expect(Math.max(...validated.map((event) => event.validation.checked))).toBe(6);
    // Passwords never travel in an event.
    expect(JSON.stringify(validated)).not.toContain('s3cret');
    expect(eventsNamed('proxy.health_check')).toEqual([]);
  });
});

describe('a validation run asked before any worker takes it', () => {
  it('survives a server restart, refuses a second run meanwhile, and completes once a worker runs', async () => {
    const proxy = await testProxy();
    const added = await addProxy({ host: proxy.host, port: proxy.port });
    const asked = await api<ProxyValidation>('POST', '/proxies/validate', { ids: [added.id] });
    expect(asked.status).toBe(202);
    const again = await api('POST', '/proxies/validate', { all: true });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'PROXY_VALIDATION_IN_PROGRESS',
      details: { id: asked.body.id },
    });

    await app.close();
    await startApp();
    expect((await api<ProxyValidation>('GET', `/proxies/validations/${asked.body.id}`)).body).toMatchObject({
      status: 'QUEUED',
      total: 1,
    });

    await startJobs();
    expect(await waitForRun(asked.body.id, 'COMPLETED')).toMatchObject({ checked: 1, succeeded: 1 });
    expect((await getProxy(added.id)).status).toBe('HEALTHY');
    // The run is over: the organization may ask for another.
    expect((await api('POST', '/proxies/validate', { all: true })).status).toBe(202);
  });
});

describe('a validation job taken again after its worker stopped mid-run', () => {
  it('resumes: the proxies already checked are not checked twice', async () => {
    const quick = await Promise.all([1, 2, 3].map(() => testProxy()));
    for (const proxy of quick) await addProxy({ host: proxy.host, port: proxy.port });
    const hanging = await testProxy({ hang: true });
    await addProxy({ host: hanging.host, port: hanging.port });
    const asked = await api<ProxyValidation>('POST', '/proxies/validate', { all: true });

    await startJobs();
    await waitFor('the quick proxies checked', async () => {
      const run = (await api<ProxyValidation>('GET', `/proxies/validations/${asked.body.id}`)).body;
      return run.checked === 3 && run;
    });
    // The worker stops while the hanging proxy's check is in flight: the job fails and is retried.
    await stopJobs();
    expect((await api<ProxyValidation>('GET', `/proxies/validations/${asked.body.id}`)).body.status).toBe(
      'RUNNING',
    );
    const connectionsBefore = quick.map((proxy) => proxy.tracker.total);

    await startJobs();
    const run = await waitForRun(asked.body.id, 'COMPLETED');
    expect(run).toMatchObject({ total: 4, checked: 4, succeeded: 3, failed: 1 });
    expect(quick.map((proxy) => proxy.tracker.total)).toEqual(connectionsBefore);
    const { rows } = await testDatabase.database.pool.query('SELECT count(*)::int AS n FROM proxy_checks');
    expect(rows[0].n).toBe(4);
  }, 30_000);
});

describe('a validation job given up', () => {
  it('marks its run FAILED (through the dead-letter queue), so the organization may ask again', async () => {
    const proxy = await testProxy();
    const added = await addProxy({ host: proxy.host, port: proxy.port });
    const asked = await api<ProxyValidation>('POST', '/proxies/validate', { ids: [added.id] });
    // Its workers keep dying: here, the last attempt of a job that has no retries left.
    const { boss, database } = testDatabase;
    await database.pool.query(`UPDATE pgboss.job SET retry_limit = 0 WHERE name = $1`, [
      queues.proxyValidation,
    ]);
    const [job] = await boss.fetch(queues.proxyValidation);
    await boss.fail(queues.proxyValidation, job!.id, { error: 'worker lost' });
    expect((await api<ProxyValidation>('GET', `/proxies/validations/${asked.body.id}`)).body.status).toBe(
      'QUEUED',
    );

    await startJobs();
    const run = await waitForRun(asked.body.id, 'FAILED');
    expect(run.error).toMatch(/given up/);
    expect(run.checked).toBe(0);
    expect((await api('POST', '/proxies/validate', { all: true })).status).toBe(202);
  });
});

describe("the proxy's host screen", () => {
  it("never connects to a proxy on a private address unless the organization's private targets allow it", async () => {
    // A name that resolves to an internal address when the check runs (an import checks IP literals
    // only, and a name may resolve elsewhere later): the worker screens the host at check time.
    const internal = await testProxy();
    const proxy = await addProxy({ host: 'intranet.test', port: internal.port });
    await startJobs({ resolve: async (name) => (name === 'intranet.test' ? ['127.0.0.1'] : []) });

    const refused = await api<ProxyValidation>('POST', '/proxies/validate', { ids: [proxy.id] });
    expect(refused.status).toBe(202);
    await waitForRun(refused.body.id, 'COMPLETED');
    expect(internal.tracker.total).toBe(0);
    const history = await api<{ checks: { ok: boolean; error: string | null }[] }>(
      'GET',
      `/proxies/${proxy.id}/checks`,
    );
    expect(history.body.checks).toMatchObject([{ ok: false, error: 'NOT_ALLOWED' }]);

    await updateOrganization(testDatabase.database.db, administrator.organizationId, {
      privateTargets: ['127.0.0.0/8'],
    });
    const allowed = await api<ProxyValidation>('POST', '/proxies/validate', { ids: [proxy.id] });
    await waitForRun(allowed.body.id, 'COMPLETED');
    expect(internal.tracker.total).toBeGreaterThan(0);
    const after = await api<{ checks: { ok: boolean }[] }>('GET', `/proxies/${proxy.id}/checks`);
    expect(after.body.checks[0]).toMatchObject({ ok: true });
  });
});

describe('tenancy', () => {
  it("answers 404 for another organization's run and proxies, and never checks them", async () => {
    const { db, pool } = testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const proxyId = randomUUID();
    await pool.query(
      `INSERT INTO proxies (id, organization_id, protocol, host, port) VALUES ($1, $2, 'http', 'theirs.test', 8080)`,
      [proxyId, other.id],
    );
    const { rows } = await pool.query(
      `INSERT INTO proxy_validations (organization_id, total) VALUES ($1, 1) RETURNING id`,
      [other.id],
    );
    const runId = rows[0].id as string;

    const run = await api('GET', `/proxies/validations/${runId}`);
    expect([run.status, run.body.code]).toEqual([404, 'PROXY_VALIDATION_NOT_FOUND']);
    const theirs = await api('POST', '/proxies/validate', { ids: [proxyId] });
    expect([theirs.status, theirs.body.code, theirs.body.field]).toEqual([404, 'PROXY_NOT_FOUND', 'ids']);
    const unknown = await api('POST', '/proxies/validate', { ids: [randomUUID()] });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'PROXY_NOT_FOUND']);
    const checks = await api('GET', `/proxies/${proxyId}/checks`);
    expect([checks.status, checks.body.code]).toEqual([404, 'PROXY_NOT_FOUND']);
    // The other organization's running run does not block this one's (nor the refused asks leave a run).
    const { rows: runs } = await pool.query('SELECT organization_id FROM proxy_validations');
    expect(runs).toEqual([{ organization_id: other.id }]);
  });
});

describe('bad input', () => {
  it.each([
    [{}, 'ids'],
    [{ ids: [] }, 'ids'],
    [{ ids: ['not-a-uuid'] }, 'ids.0'],
    [{ all: false }, 'all'],
    [{ all: true, ids: [randomUUID()] }, 'ids'],
    [{ filter: { status: 'SHINY' } }, 'filter.status'],
    [{ everything: true }, undefined],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    const response = await api('POST', '/proxies/validate', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_ERROR');
    if (field) expect(response.body.field).toBe(field);
  });

  it('refuses a check history window out of range, and a run id that is not one', async () => {
    const proxy = await addProxy({ host: '127.0.0.1', port: 9 });
    for (const hours of ['0', '721', 'soon']) {
      const response = await api('GET', `/proxies/${proxy.id}/checks?hours=${hours}`);
      expect([response.status, response.body.field]).toEqual([400, 'hours']);
    }
    expect((await api('GET', '/proxies/validations/nope')).status).toBe(400);
  });
});

describe('the check echo', () => {
  it("answers anyone, without authentication, the caller's address and headers", async () => {
    const response = await fetch(`${baseUrl}/api/v1/proxies/check-echo`, { headers: { 'x-probe': 'yes' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ origin: '127.0.0.1', headers: { 'x-probe': 'yes' } });
  });
});

describe('periodic health checks', () => {
  /** One health pass at `at`, as a worker takes it; resolves once `proxyId` was checked at that time. */
  async function healthPass(at: Date, proxyId: string): Promise<PoolProxy> {
    clock = at;
    await testDatabase.boss.send(queues.proxyHealth, { slot: at.toISOString() });
    return waitFor(`a health check at ${at.toISOString()}`, async () => {
      const proxy = await getProxy(proxyId);
      return proxy.lastCheckedAt === at.toISOString() && proxy;
    });
  }

  it('moves a proxy HEALTHY → DEGRADED → DOWN as it fails, and back as it works again', async () => {
    const proxy = await testProxy();
    const added = await addProxy({ host: proxy.host, port: proxy.port });
    const blacklistedProxy = await testProxy();
    const blacklisted = await addProxy({ host: blacklistedProxy.host, port: blacklistedProxy.port });
    await api('POST', `/proxies/${blacklisted.id}/blacklist`);
    await startJobs();

    const start = new Date('2030-01-01T00:00:00Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const statuses: string[] = [];
    statuses.push((await healthPass(at(0), added.id)).status);
    // The proxy goes away: its port now refuses.
    const { pool } = testDatabase.database;
    await pool.query('UPDATE proxies SET port = 1 WHERE id = $1', [added.id]);
    for (const minutes of [10, 20, 30]) statuses.push((await healthPass(at(minutes), added.id)).status);
    await pool.query('UPDATE proxies SET port = $2 WHERE id = $1', [added.id, proxy.port]);
    // Working again, but 2 of 5 checks in the window: DEGRADED until the failures leave it.
    statuses.push((await healthPass(at(40), added.id)).status);
    const recovered = await healthPass(at(40 + 25 * 60), added.id);
    statuses.push(recovered.status);
    expect(statuses).toEqual(['HEALTHY', 'DEGRADED', 'DEGRADED', 'DOWN', 'DEGRADED', 'HEALTHY']);
    expect(recovered.successRate).toBe(1);

    const checks = await waitFor('six health_check events', () => {
      const received = eventsNamed('proxy.health_check');
      return received.length === 6 && received;
    });
    expect(checks.map((event) => [event.previousStatus, event.status, event.ok])).toEqual([
      ['UNCHECKED', 'HEALTHY', true],
      ['HEALTHY', 'DEGRADED', false],
      ['DEGRADED', 'DEGRADED', false],
      ['DEGRADED', 'DOWN', false],
      ['DOWN', 'DEGRADED', true],
      ['DEGRADED', 'HEALTHY', true],
    ]);
    expect(checks.every((event) => event.proxyId === added.id)).toBe(true);
    expect(eventsNamed('proxy.validated')).toEqual([]);
    expect((await getProxy(blacklisted.id)).lastCheckedAt).toBeNull();
    expect(blacklistedProxy.tracker.total).toBe(0);
  }, 40_000);

  it('skips a proxy checked within the interval', async () => {
    const proxy = await testProxy();
    const added = await addProxy({ host: proxy.host, port: proxy.port });
    const other = await testProxy();
    const due = await addProxy({ host: other.host, port: other.port });
    await startJobs();
    const start = new Date('2030-01-01T00:00:00Z');
    await healthPass(start, added.id);
    const { pool } = testDatabase.database;
    await pool.query('UPDATE proxies SET last_checked_at = NULL WHERE id = $1', [due.id]);
    // Two minutes later only the proxy never checked is due.
    const later = new Date(start.getTime() + 120_000);
    await healthPass(later, due.id);
    expect((await getProxy(added.id)).lastCheckedAt).toBe(start.toISOString());
  });
});

describe('server maintenance', () => {
  it('prunes proxy checks past PROXY_CHECK_RETENTION_DAYS and asks for one health pass per interval', async () => {
    const { pool, db } = testDatabase.database;
    const proxy = await addProxy({ host: '127.0.0.1', port: 9 });
    await pool.query(
      `INSERT INTO proxy_checks (proxy_id, organization_id, at, ok)
       VALUES ($1, $2, now() - interval '8 days', false), ($1, $2, now() - interval '6 days', true)`,
      [proxy.id, administrator.organizationId],
    );
    await testDatabase.boss.deleteAllJobs(queues.proxyHealth).catch(() => {});
    const maintenance = startMaintenance({
      db,
      pool,
      boss: testDatabase.boss,
      config: testDatabase.config,
      events: { publish: () => {} },
      logger,
      deadAfterSeconds: 30,
      // Passes run when the test says so.
      intervalMs: 3_600_000,
      failoverIntervalMs: 3_600_000,
    });
    try {
      const report = await maintenance.runOnce();
      expect(report?.proxyChecksPruned).toBe(1);
      await maintenance.runOnce();
    } finally {
      await maintenance.stop();
    }
    const { rows } = await pool.query(`SELECT ok FROM proxy_checks WHERE proxy_id = $1`, [proxy.id]);
    expect(rows).toEqual([{ ok: true }]);
    const queued = await testDatabase.boss.findJobs(queues.proxyHealth, { queued: true });
    expect(queued).toHaveLength(1);
    // Another server asking in the same interval adds nothing.
    expect(
      await enqueueProxyHealthPass(testDatabase.boss, { now: new Date(), intervalMs: 600_000 }),
    ).toBeNull();
  });
});
