import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { LocalDiskBlobStore } from '@fleetwright/blobs';
import { publicUrl, readOrCreateSecret } from '@fleetwright/config';
import type { Profile, Session } from '@fleetwright/contracts';
import { insertOrganization, insertProfile } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { loadKeyring, sealProfileState } from '@fleetwright/secrets';
import { type App, buildApp } from '@fleetwright/server';
import {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  freePort,
  startSite,
  type TestSite,
  waitFor,
} from '@fleetwright/testing';
import { startTestDatabase, TEST_INTERNAL_TOKEN, type TestDatabase } from '@fleetwright/testing/database';
import { startWorker, type WorkerHandle } from '@fleetwright/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 12, profiles end to end in one process: the API (app.inject), a real worker with real
 * Chromium on a site served from 127.0.0.1, a real PostgreSQL. A page signs in (a cookie, a
 * localStorage item, an IndexedDB record), the session is saved as a profile, and a new session
 * started from it finds all three.
 */

const logger = createLogger({ name: 'profiles-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const COOKIE_VALUE = 'cookie-value-7f3a9c';
const STORED_ITEM = 'basket-of-apples-51e2';

let testDatabase: TestDatabase;
let app: App;
let administrator: Administrator;
let site: TestSite;
let worker: WorkerHandle;

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${administrator.apiKey}` },
    ...(payload ? { payload } : {}),
  });
}

async function runningSession(body: object): Promise<Session> {
  const created = await api('POST', '/sessions', body);
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<Session>().id;
  return waitFor(
    `session ${id} to run`,
    async () => {
      const session = (await api('GET', `/sessions/${id}`)).json<Session>();
      if (session.status === 'ERROR') throw new Error(`the session failed: ${session.lastError}`);
      return session.status === 'RUNNING' ? session : undefined;
    },
    { timeoutMs: 60_000 },
  );
}

async function evaluate(sessionId: string, expression: string): Promise<unknown> {
  const response = await api('POST', `/sessions/${sessionId}/evaluate`, { expression });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ value: unknown }>().value;
}

/** What a page of the site sees of the three kinds of storage. */
const READ_STORAGE = `async () => {
  const record = await new Promise((resolve, reject) => {
    const open = indexedDB.open('shop', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('orders');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('orders').objectStore('orders').get('last');
      read.onsuccess = () => resolve(read.result ?? null);
      read.onerror = () => reject(read.error);
    };
  });
  return { cookie: document.cookie, item: localStorage.getItem('basket'), record };
}`;

beforeAll(async () => {
  testDatabase = await startTestDatabase({ env: { RATE_LIMIT_API_PER_MINUTE: '100000' } });
  const blobs = new LocalDiskBlobStore(path.join(testDatabase.tmpDir, 'blobs'));
  app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger,
    blobs,
  });
  await app.ready();
  // Listening only for the sign-up of the first account; the tests use app.inject.
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  administrator = await bootstrapAdministrator(fetchCall(`http://127.0.0.1:${port}`), {
    setupToken: readOrCreateSecret(testDatabase.config.DATA_DIR, 'setup-token'),
    origin: publicUrl(testDatabase.config),
  });
  site = await startSite({
    // Signing in leaves a cookie and a localStorage item, as a site's login would.
    '/login': `<title>Login</title><script>
      document.cookie = 'token=${COOKIE_VALUE}; path=/; max-age=3600';
      localStorage.setItem('basket', '${STORED_ITEM}');
    </script><h1>Signed in</h1>`,
    '/account': '<title>Account</title><h1>Account</h1>',
  });
  worker = await startWorker({
    config: { ...testDatabase.config, WORKER_PORT: 0, LOG_LEVEL: 'warn' },
    databaseUrl: testDatabase.connectionString,
    capacity: 8,
    heartbeatSeconds: 1,
    pollIntervalMs: 200,
    internalToken: TEST_INTERNAL_TOKEN,
    blobs,
  });
});

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await site?.close();
  await testDatabase?.stop();
});

describe('profiles', () => {
  let profile: Profile;

  it("saves a running session's cookies, localStorage and IndexedDB, and a new session starts with them", async () => {
    const source = await runningSession({ name: 'signs in', startUrl: `${site.url}/login` });
    // IndexedDB is written by the page too, through the API (it is asynchronous).
    await evaluate(
      source.id,
      `async () => new Promise((resolve, reject) => {
        const open = indexedDB.open('shop', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('orders');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const write = open.result.transaction('orders', 'readwrite');
          write.objectStore('orders').put({ total: 42 }, 'last');
          write.oncomplete = () => resolve(true);
          write.onerror = () => reject(write.error);
        };
      })`,
    );

    const saved = await api('POST', '/profiles', { sessionId: source.id, name: 'Signed-in shopper' });
    expect(saved.statusCode, saved.body).toBe(201);
    profile = saved.json<Profile>();
    const origin = new URL(site.url).origin;
    expect(profile).toMatchObject({
      name: 'Signed-in shopper',
      cookieCount: 1,
      sessionId: source.id,
      createdBy: expect.any(String),
    });
    expect(profile.origins).toContain(origin);
    expect(profile.sizeBytes).toBeGreaterThan(0);
    // The API tells what a profile holds, never the values.
    for (const answer of [
      saved,
      await api('GET', `/profiles/${profile.id}`),
      await api('GET', '/profiles'),
    ]) {
      expect(answer.statusCode).toBe(200 + (answer === saved ? 1 : 0));
      expect(answer.body).not.toContain(COOKIE_VALUE);
      expect(answer.body).not.toContain(STORED_ITEM);
    }
    expect((await api('GET', '/profiles')).json().items).toEqual([profile]);

    // At rest: sealed, nothing of the values in the row.
    const { rows } = await testDatabase.database.pool.query('SELECT * FROM profiles WHERE id = $1', [
      profile.id,
    ]);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(COOKIE_VALUE);
    expect(stored).not.toContain(STORED_ITEM);
    expect(rows[0].state).toMatch(/^fw1:/);

    // A fresh session without the profile sees nothing: the storage comes from the profile alone.
    const blank = await runningSession({ name: 'blank', startUrl: `${site.url}/account` });
    expect(await evaluate(blank.id, READ_STORAGE)).toEqual({ cookie: '', item: null, record: null });

    const restored = await runningSession({
      name: 'from the profile',
      startUrl: `${site.url}/account`,
      profileId: profile.id,
    });
    expect(restored.profileId).toBe(profile.id);
    expect(await evaluate(restored.id, READ_STORAGE)).toEqual({
      cookie: `token=${COOKIE_VALUE}`,
      item: STORED_ITEM,
      record: { total: 42 },
    });
  });

  it('starts a session in its own browser from a profile too', async () => {
    const restored = await runningSession({
      name: 'own browser',
      startUrl: `${site.url}/account`,
      isolation: 'browser',
      profileId: profile.id,
    });
    expect(await evaluate(restored.id, READ_STORAGE)).toMatchObject({
      cookie: `token=${COOKIE_VALUE}`,
      item: STORED_ITEM,
    });
  });

  it('renames a profile, refuses a name taken, and deletes it: its sessions no longer name it', async () => {
    const sessionId = (await api('GET', '/sessions?search=from+the+profile')).json().items[0].id;
    const renamed = await api('PATCH', `/profiles/${profile.id}`, { name: 'Shopper' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: profile.id, name: 'Shopper' });

    const source = await runningSession({ name: 'second', startUrl: `${site.url}/login` });
    const twice = await api('POST', '/profiles', { sessionId: source.id, name: 'Shopper' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'PROFILE_ALREADY_EXISTS', field: 'name' });
    const other = await api('POST', '/profiles', { sessionId: source.id, name: 'Other' });
    expect(other.statusCode, other.body).toBe(201);
    const clash = await api('PATCH', `/profiles/${other.json().id}`, { name: 'Shopper' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'PROFILE_ALREADY_EXISTS', field: 'name' });

    expect((await api('DELETE', `/profiles/${profile.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/profiles/${profile.id}`)).statusCode).toBe(404);
    expect((await api('GET', `/sessions/${sessionId}`)).json()).toMatchObject({ profileId: null });
    const audit = (await api('GET', '/audit-logs?pageSize=200'))
      .json()
      .items.map((entry: { action: string }) => entry.action);
    expect(audit).toEqual(expect.arrayContaining(['profile.created', 'profile.renamed', 'profile.deleted']));
  });
});

describe('bad input', () => {
  it('refuses an unknown session, a stopped one, an empty name and a malformed body with a 4xx', async () => {
    const unknown = await api('POST', '/profiles', { sessionId: randomUUID(), name: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'SESSION_NOT_FOUND', field: 'sessionId' });

    const stopped = await api('POST', '/sessions', {
      name: 'stopped',
      startUrl: `${site.url}/login`,
      autoStart: false,
    });
    const notRunning = await api('POST', '/profiles', { sessionId: stopped.json().id, name: 'x' });
    expect(notRunning.statusCode).toBe(409);
    expect(notRunning.json()).toMatchObject({ code: 'SESSION_NOT_RUNNING', field: 'sessionId' });

    for (const body of [
      { sessionId: stopped.json().id, name: '   ' },
      { sessionId: 'nope', name: 'x' },
      { sessionId: stopped.json().id },
      { sessionId: stopped.json().id, name: 'x', state: {} },
    ]) {
      const refused = await api('POST', '/profiles', body);
      expect([refused.statusCode, refused.json().code]).toEqual([400, 'VALIDATION_ERROR']);
    }
    const emptyRename = await api('PATCH', `/profiles/${randomUUID()}`, { name: '' });
    expect(emptyRename.statusCode).toBe(400);
    expect(emptyRename.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'name' });
    expect((await api('PATCH', `/profiles/${randomUUID()}`, { name: 'x' })).statusCode).toBe(404);
    expect((await api('DELETE', `/profiles/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('refuses to save a storage larger than 5 MiB with 413 PROFILE_TOO_LARGE, and stores nothing', async () => {
    const big = await runningSession({ name: 'hoards', startUrl: `${site.url}/account` });
    // 6 million characters in IndexedDB: within the origin's quota, over the profile's cap.
    await evaluate(
      big.id,
      `async () => new Promise((resolve, reject) => {
        const open = indexedDB.open('hoard', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('blobs');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const write = open.result.transaction('blobs', 'readwrite');
          write.objectStore('blobs').put('x'.repeat(6_000_000), 'big');
          write.oncomplete = () => resolve(true);
          write.onerror = () => reject(write.error);
        };
      })`,
    );
    const refused = await api('POST', '/profiles', { sessionId: big.id, name: 'Too big' });
    expect(refused.statusCode, refused.body.slice(0, 300)).toBe(413);
    expect(refused.json()).toMatchObject({
      code: 'PROFILE_TOO_LARGE',
      field: 'sessionId',
      message: expect.stringContaining('5 MiB'),
    });
    expect((await api('GET', '/profiles')).body).not.toContain('Too big');
    await api('POST', `/sessions/${big.id}/stop`);
  });

  it("refuses a session from an unknown or another organization's profile with 404, and writes nothing", async () => {
    const db = testDatabase.database.db;
    const elsewhere = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const theirsId = randomUUID();
    await insertProfile(db, {
      id: theirsId,
      organizationId: elsewhere.id,
      name: 'Theirs',
      state: sealProfileState(
        loadKeyring(testDatabase.config),
        theirsId,
        JSON.stringify({ cookies: [], origins: [] }),
      ),
      sizeBytes: 26,
      cookieCount: 0,
    });
    const before = (await api('GET', '/sessions')).json().total;
    for (const profileId of [theirsId, randomUUID()]) {
      const refused = await api('POST', '/sessions', { name: 'x', startUrl: `${site.url}/`, profileId });
      expect(refused.statusCode, refused.body).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'PROFILE_NOT_FOUND', field: 'profileId' });
    }
    expect((await api('GET', '/sessions')).json().total).toBe(before);
    expect((await api('GET', `/profiles/${theirsId}`)).statusCode).toBe(404);
    expect((await api('GET', '/profiles')).body).not.toContain(theirsId);
  });
});
