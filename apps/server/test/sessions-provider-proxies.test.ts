import { randomUUID } from 'node:crypto';
import { type ErrorResponse, providerStickyKey, type Session } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 10, a provider entry as a session's proxy through the API: the `{ providerId, country?,
 * sticky? }` option on create, PATCH and batch; what a session shows of it (the entry's id, name
 * and kind, the country; never the password); the refusals (unknown or another organization's
 * entry: 404; a country the provider or the entry does not serve: 409). The traffic through the
 * provider's gateway is the worker's test (apps/worker/test/session-provider-proxies.test.ts).
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
const base = { name: 'provider session', startUrl: 'http://127.0.0.1:9/', autoStart: false };
const SECRET = 'provider-secret-9f3b';

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(async () => {
  await testApp.testDatabase.database.pool.query('DELETE FROM sessions');
  await testApp.testDatabase.database.pool.query('DELETE FROM proxy_providers');
});

async function addProvider(body: object = {}): Promise<{ id: string; name: string }> {
  const response = await api({
    method: 'POST',
    url: '/api/v1/proxy-providers',
    payload: {
      name: `Oxylabs ${randomUUID().slice(0, 8)}`,
      kind: 'oxylabs',
      username: 'fleet',
      password: SECRET,
      host: '10.0.0.9',
      port: 7777,
      ...body,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function createSession(body: object) {
  return api({ method: 'POST', url: '/api/v1/sessions', payload: { ...base, ...body } });
}

async function stickyKeyOf(id: string): Promise<string | null> {
  const { rows } = await testApp.testDatabase.database.pool.query(
    'SELECT proxy_sticky_key FROM sessions WHERE id = $1',
    [id],
  );
  return rows[0].proxy_sticky_key;
}

describe('a provider entry as the proxy option', () => {
  it('shows the entry and the country, keeps the session id as sticky key, and never the password', async () => {
    const provider = await addProvider();
    const response = await createSession({
      proxy: { providerId: provider.id, country: 'de' },
      geoFromProxy: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    const session = response.json<Session>();
    expect(session).toMatchObject({
      proxy: { providerId: provider.id, country: 'DE', sticky: true },
      proxyProvider: { id: provider.id, name: provider.name, kind: 'oxylabs' },
      proxyCountry: 'DE',
      proxyId: null,
      poolProxy: null,
      proxyUrl: null,
      geoFromProxy: true,
    });
    expect(await stickyKeyOf(session.id)).toBe(providerStickyKey(session.id));
    const answers = [
      response.body,
      (await api({ url: `/api/v1/sessions/${session.id}` })).body,
      (await api({ url: '/api/v1/sessions' })).body,
    ];
    for (const body of answers) expect(body).not.toContain(SECRET);
  });

  it('has no sticky key when asked for rotating exits, or when the provider has no sticky exits', async () => {
    const provider = await addProvider();
    const rotating = await createSession({ proxy: { providerId: provider.id, sticky: false } });
    expect(rotating.statusCode, rotating.body).toBe(201);
    expect(await stickyKeyOf(rotating.json<Session>().id)).toBeNull();
    const mesh = await addProvider({ kind: 'proxymesh', host: null, port: null });
    const meshSession = await createSession({ proxy: { providerId: mesh.id, country: 'DE' } });
    expect(meshSession.statusCode, meshSession.body).toBe(201);
    expect(await stickyKeyOf(meshSession.json<Session>().id)).toBeNull();
  });

  it('takes rotation: a rotation is a new sticky key, so a provider option may rotate', async () => {
    const provider = await addProvider();
    const response = await createSession({
      proxy: { providerId: provider.id },
      proxyRotation: { onFailure: true, everyMinutes: 10 },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Session>().proxyRotation).toEqual({ onFailure: true, everyMinutes: 10 });
  });

  it("answers an unknown entry and another organization's the same: 404 naming proxy, nothing written", async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const theirs = randomUUID();
    await pool.query(
      `INSERT INTO proxy_providers (id, organization_id, name, kind, username, password)
       VALUES ($1, $2, 'Their Decodo', 'decodo', 'their-user', 'x')`,
      [theirs, other.id],
    );
    const unknown = await createSession({ proxy: { providerId: randomUUID() } });
    const response = await createSession({ proxy: { providerId: theirs } });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorResponse>()).toMatchObject({
      code: 'PROXY_PROVIDER_NOT_FOUND',
      field: 'proxy',
    });
    expect(response.body).not.toContain('Their Decodo');
    expect(response.body.replace(theirs, 'ID')).toBe(unknown.body.replace(/[0-9a-f-]{36}/, 'ID'));
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM sessions');
    expect(rows[0].n).toBe(0);
  });

  it('answers 409 PROXY_COUNTRY_NOT_SERVED naming proxy.country, for the provider or the entry', async () => {
    const mesh = await addProvider({ kind: 'proxymesh', host: null, port: null });
    const brazil = await createSession({ proxy: { providerId: mesh.id, country: 'BR' } });
    expect(brazil.statusCode).toBe(409);
    expect(brazil.json<ErrorResponse>()).toMatchObject({
      code: 'PROXY_COUNTRY_NOT_SERVED',
      field: 'proxy.country',
    });
    const limited = await addProvider({ countries: ['DE'] });
    const france = await createSession({ proxy: { providerId: limited.id, country: 'FR' } });
    expect(france.statusCode).toBe(409);
    expect(france.json<ErrorResponse>()).toMatchObject({
      code: 'PROXY_COUNTRY_NOT_SERVED',
      field: 'proxy.country',
    });
    const notACountry = await createSession({ proxy: { providerId: limited.id, country: 'Germany' } });
    expect(notACountry.statusCode).toBe(400);
    const unknownKey = await createSession({ proxy: { providerId: limited.id, zone: 'x' } });
    expect(unknownKey.statusCode).toBe(400);
  });
});

describe('changing to and from a provider entry', () => {
  it('PATCH moves a session from a proxy URL to an entry and back, each clearing the other', async () => {
    const provider = await addProvider();
    const created = (await createSession({ proxyUrl: 'http://user:pw@10.9.9.9:3128' })).json<Session>();
    const toProvider = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.id}`,
      payload: { proxy: { providerId: provider.id, country: 'FR' } },
    });
    expect(toProvider.statusCode, toProvider.body).toBe(200);
    expect(toProvider.json<Session>()).toMatchObject({
      proxyUrl: null,
      proxyProvider: { id: provider.id },
      proxyCountry: 'FR',
    });
    const toUrl = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.id}`,
      payload: { proxyUrl: 'http://10.9.9.9:3128' },
    });
    expect(toUrl.json<Session>()).toMatchObject({ proxy: null, proxyProvider: null, proxyCountry: null });
    expect(await stickyKeyOf(created.id)).toBeNull();
  });

  it('batch gives each selected session the entry with its own sticky key', async () => {
    const provider = await addProvider();
    const ids = [];
    for (const name of ['a', 'b']) ids.push((await createSession({ name })).json<Session>().id);
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/proxy',
      payload: { ids, proxy: { providerId: provider.id, country: 'US' } },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results.every((result: { ok: boolean }) => result.ok)).toBe(true);
    for (const id of ids) expect(await stickyKeyOf(id)).toBe(providerStickyKey(id));
    const refused = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/proxy',
      payload: { ids, proxy: { providerId: randomUUID() } },
    });
    expect(refused.json().results[0]).toMatchObject({ ok: false, code: 'PROXY_PROVIDER_NOT_FOUND' });
  });

  it('shows no entry once it is deleted', async () => {
    const provider = await addProvider();
    const session = (
      await createSession({ proxy: { providerId: provider.id, country: 'DE' } })
    ).json<Session>();
    const deleted = await api({ method: 'DELETE', url: `/api/v1/proxy-providers/${provider.id}` });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    const shown = (await api({ url: `/api/v1/sessions/${session.id}` })).json<Session>();
    expect(shown).toMatchObject({ proxyProvider: null, proxyCountry: null });
  });
});
