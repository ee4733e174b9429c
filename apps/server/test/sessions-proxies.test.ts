import { randomUUID } from 'node:crypto';
import type { ErrorResponse, PoolProxy, Session } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deadAddress,
  type InjectOptions,
  insertWorker,
  queuedStartJobs,
  setSessionState,
  startTestApp,
  type TestApp,
} from './support.ts';

/**
 * Issue 10, sessions drawing from the pool through the API: the `proxy` option (one proxy or a
 * strategy), what a session shows of its proxy, the refusals (nothing fits, another organization's
 * proxy, both `proxy` and `proxyUrl`), changing a session's proxy and assigning proxies in a batch.
 * No worker here: sessions stay STOPPED (autoStart false) or PENDING.
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
const base = { name: 'geo check', startUrl: 'http://127.0.0.1:9/', autoStart: false };

beforeAll(async () => {
  testApp = await startTestApp();
  const response = await api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
    payload: { quotaOverrides: { proxies: 1000 } },
  });
  expect(response.statusCode, response.body).toBe(200);
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(async () => {
  await testApp.testDatabase.database.pool.query('DELETE FROM sessions');
  await testApp.testDatabase.database.pool.query('DELETE FROM proxies');
});

async function addProxy(
  host: string,
  values: { country?: string; status?: string } = {},
): Promise<PoolProxy> {
  const response = await api({
    method: 'POST',
    url: '/api/v1/proxies',
    payload: { protocol: 'http', host, port: 8080, username: 'fleet', password: 'pool-secret' },
  });
  expect(response.statusCode, response.body).toBe(201);
  const proxy = response.json<PoolProxy>();
  await testApp.testDatabase.database.pool.query(
    'UPDATE proxies SET country = $2, status = $3 WHERE id = $1',
    [proxy.id, values.country ?? null, values.status ?? 'HEALTHY'],
  );
  return proxy;
}

async function createSession(body: object) {
  return api({ method: 'POST', url: '/api/v1/sessions', payload: { ...base, ...body } });
}

describe('the proxy option on create', () => {
  it('takes one proxy of the pool and shows it without credentials', async () => {
    const proxy = await addProxy('10.1.2.3', { country: 'DE' });
    const response = await createSession({ proxy: { proxyId: proxy.id } });
    expect(response.statusCode, response.body).toBe(201);
    const session = response.json<Session>();
    expect(session).toMatchObject({
      proxy: { proxyId: proxy.id },
      proxyId: proxy.id,
      poolProxy: { protocol: 'http', host: '10.1.2.3', port: 8080 },
      proxyCountry: 'DE',
      proxyUrl: null,
      proxyRotation: { onFailure: false, everyMinutes: null },
      geoFromProxy: false,
    });
    expect(response.body).not.toContain('pool-secret');
    const listed = await api({ url: `/api/v1/proxies/${proxy.id}` });
    expect(listed.json<PoolProxy>().lastUsedAt).not.toBeNull();
  });

  it('picks by strategy and country, with rotation and geo', async () => {
    await addProxy('10.0.0.1', { country: 'FR' });
    const de = await addProxy('10.0.0.2', { country: 'DE' });
    const response = await createSession({
      proxy: { strategy: 'country', country: 'de' },
      proxyRotation: { onFailure: true, everyMinutes: 30 },
      geoFromProxy: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Session>()).toMatchObject({
      proxy: { strategy: 'country', country: 'DE' },
      proxyId: de.id,
      proxyCountry: 'DE',
      proxyRotation: { onFailure: true, everyMinutes: 30 },
      geoFromProxy: true,
    });
  });

  it('refuses proxy together with proxyUrl, naming proxy', async () => {
    const proxy = await addProxy('10.1.2.3');
    const response = await createSession({ proxy: { proxyId: proxy.id }, proxyUrl: 'http://10.9.9.9:3128' });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'proxy' });
  });

  it('refuses rotation for a single proxy, and a country strategy without a country', async () => {
    const proxy = await addProxy('10.1.2.3');
    const rotation = await createSession({
      proxy: { proxyId: proxy.id },
      proxyRotation: { onFailure: true },
    });
    expect(rotation.statusCode).toBe(400);
    expect(rotation.json<ErrorResponse>().field).toBe('proxyRotation');
    const country = await createSession({ proxy: { strategy: 'country' } });
    expect(country.statusCode).toBe(400);
    expect(country.json<ErrorResponse>().field).toMatch(/^proxy/);
    const strategy = await createSession({ proxy: { strategy: 'fastest' } });
    expect(strategy.statusCode).toBe(400);
  });

  it('answers 409 NO_HEALTHY_PROXY and NO_PROXY_IN_COUNTRY, and writes nothing', async () => {
    const none = await createSession({ proxy: { strategy: 'round-robin' } });
    expect(none.statusCode).toBe(409);
    expect(none.json<ErrorResponse>()).toMatchObject({ code: 'NO_HEALTHY_PROXY', field: 'proxy' });
    await addProxy('10.0.0.1', { country: 'FR' });
    await addProxy('10.0.0.3', { country: 'DE', status: 'DOWN' });
    const country = await createSession({ proxy: { strategy: 'weighted', country: 'DE' } });
    expect(country.statusCode).toBe(409);
    expect(country.json<ErrorResponse>()).toMatchObject({ code: 'NO_PROXY_IN_COUNTRY', field: 'proxy' });
    const { rows } = await testApp.testDatabase.database.pool.query(
      'SELECT count(*)::int AS n FROM sessions',
    );
    expect(rows[0].n).toBe(0);
  });

  it("answers another organization's proxy as unknown (404), without leaking it", async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const id = randomUUID();
    await pool.query(
      `INSERT INTO proxies (id, organization_id, protocol, host, port, status) VALUES ($1, $2, 'http', 'theirs.test', 8080, 'HEALTHY')`,
      [id, other.id],
    );
    const unknown = await createSession({ proxy: { proxyId: randomUUID() } });
    const theirs = await createSession({ proxy: { proxyId: id } });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<ErrorResponse>()).toMatchObject({ code: 'PROXY_NOT_FOUND', field: 'proxy.proxyId' });
    expect(theirs.body).not.toContain('theirs.test');
    expect(theirs.body.replace(id, 'ID')).toBe(unknown.body.replace(/[0-9a-f-]{36}/, 'ID'));
    // Strategies never reach into another organization's pool either.
    const strategy = await createSession({ proxy: { strategy: 'least-recently-used' } });
    expect(strategy.json<ErrorResponse>().code).toBe('NO_HEALTHY_PROXY');
  });

  it('refuses a blacklisted proxy', async () => {
    const proxy = await addProxy('10.1.2.3', { status: 'BLACKLISTED' });
    const response = await createSession({ proxy: { proxyId: proxy.id } });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorResponse>().code).toBe('PROXY_BLACKLISTED');
  });
});

describe('changing the proxy', () => {
  it('moves a session from a proxy URL to the pool and back, each clearing the other', async () => {
    const proxy = await addProxy('10.1.2.3', { country: 'BR' });
    const created = (await createSession({ proxyUrl: 'http://user:pw@10.9.9.9:3128' })).json<Session>();
    const toPool = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.id}`,
      payload: { proxy: { strategy: 'least-recently-used' } },
    });
    expect(toPool.statusCode, toPool.body).toBe(200);
    expect(toPool.json<Session>()).toMatchObject({ proxyUrl: null, proxyId: proxy.id, proxyCountry: 'BR' });
    const toUrl = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.id}`,
      payload: { proxyUrl: 'http://10.9.9.9:3128' },
    });
    expect(toUrl.json<Session>()).toMatchObject({
      proxyUrl: 'http://10.9.9.9:3128',
      proxy: null,
      proxyId: null,
      poolProxy: null,
    });
  });

  it('restarts a running session behind the new proxy: stopped on its worker, queued again with it', async () => {
    const first = await addProxy('10.0.0.1');
    const second = await addProxy('10.0.0.2');
    const session = (await createSession({ proxy: { proxyId: first.id } })).json<Session>();
    // Its worker is gone: the stop is the server's (STOPPED), then the start queues it again.
    const workerId = randomUUID();
    await insertWorker(testApp.testDatabase.database, { id: workerId, address: await deadAddress() });
    await setSessionState(testApp.testDatabase.database, session.id, { status: 'RUNNING', workerId });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { proxy: { proxyId: second.id } },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'PENDING', proxyId: second.id, workerId: null });
    expect(await queuedStartJobs(testApp.testDatabase.boss, session.id)).toHaveLength(1);
  });

  it('keeps a running session running when other settings change', async () => {
    const session = (await createSession({})).json<Session>();
    const workerId = randomUUID();
    await insertWorker(testApp.testDatabase.database, { id: workerId, address: await deadAddress() });
    await setSessionState(testApp.testDatabase.database, session.id, { status: 'RUNNING', workerId });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { name: 'renamed' },
    });
    expect(response.json<Session>()).toMatchObject({ status: 'RUNNING', name: 'renamed' });
  });

  it('assigns proxies to a selection of sessions by strategy in one call', async () => {
    const proxies = [await addProxy('10.0.0.1'), await addProxy('10.0.0.2'), await addProxy('10.0.0.3')];
    const sessions: Session[] = [];
    for (let i = 0; i < 3; i++) sessions.push((await createSession({ tags: ['fleet'] })).json<Session>());
    await createSession({ tags: ['other'] });
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/proxy',
      payload: { filter: { tag: 'fleet' }, proxy: { strategy: 'round-robin' } },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { results } = response.json<{ results: { id: string; ok: boolean }[] }>();
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.ok)).toBe(true);
    const assigned = await Promise.all(
      sessions.map(async (session) => (await api({ url: `/api/v1/sessions/${session.id}` })).json<Session>()),
    );
    // Round-robin over three proxies for three sessions: each gets its own.
    expect(new Set(assigned.map((session) => session.proxyId))).toEqual(new Set(proxies.map((p) => p.id)));
    const list = await api({ url: '/api/v1/proxies' });
    const using = list.json<{ items: PoolProxy[] }>().items.map((proxy) => proxy.sessionsUsing);
    // STOPPED sessions are not active: they use no proxy yet.
    expect(using).toEqual([0, 0, 0]);
  });

  it('answers per session when the pool runs dry in a batch', async () => {
    const sessions = [(await createSession({})).json<Session>()];
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/proxy',
      payload: { ids: [sessions[0]!.id], proxy: { strategy: 'weighted' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ results: unknown[] }>().results).toEqual([
      expect.objectContaining({ ok: false, code: 'NO_HEALTHY_PROXY' }),
    ]);
  });
});

describe('sessionsUsing', () => {
  it('counts the active sessions that use each proxy', async () => {
    const proxy = await addProxy('10.1.2.3');
    await addProxy('10.1.2.4');
    await createSession({ proxy: { proxyId: proxy.id }, autoStart: true });
    await createSession({ proxy: { proxyId: proxy.id }, autoStart: true });
    await createSession({ proxy: { proxyId: proxy.id } });
    const response = await api({ url: '/api/v1/proxies' });
    const items = response.json<{ items: PoolProxy[] }>().items;
    expect(items.find((item) => item.id === proxy.id)?.sessionsUsing).toBe(2);
    expect(items.find((item) => item.id !== proxy.id)?.sessionsUsing).toBe(0);
    const one = await api({ url: `/api/v1/proxies/${proxy.id}` });
    expect(one.json<PoolProxy>().sessionsUsing).toBe(2);
  });
});
