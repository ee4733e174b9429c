import { publicUrl, readOrCreateSecret } from '@fleetwright/config';
import { CookieJar, TEST_ADMIN } from '@fleetwright/testing';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { injectCall, signInAdministrator, testLogger } from './support.ts';

let testDatabase: TestDatabase;
let app: App;
let origin: string;
let admin: Awaited<ReturnType<typeof signInAdministrator>>;

beforeAll(async () => {
  testDatabase = await startTestDatabase({ env: { ALLOW_PRIVATE_TARGETS: '1' } });
  app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger: testLogger(),
  });
  await app.ready();
  origin = publicUrl(testDatabase.config);
});
afterAll(async () => {
  await app?.close();
  await testDatabase?.stop();
});

const call = () => injectCall(app);

describe('first run', () => {
  it('refuses the first sign-up without the setup token', async () => {
    const response = await call()({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      body: { name: 'Eve', email: 'eve@example.test', password: 'a long password 1', acceptTerms: true },
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'SETUP_TOKEN_REQUIRED' });
  });

  it('refuses a sign-up that does not accept the acceptable-use notice', async () => {
    const response = await call()({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      body: {
        ...TEST_ADMIN,
        setupToken: readOrCreateSecret(testDatabase.config.DATA_DIR, 'setup-token'),
      },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'TERMS_NOT_ACCEPTED' });
  });

  it('makes the first account the administrator of the first organization', async () => {
    admin = await signInAdministrator(app, testDatabase.config);
    expect(admin.organizationId).toBe(testDatabase.organizationId);
    const me = await call()({ method: 'GET', url: '/api/v1/me', headers: { cookie: admin.cookie } });
    expect(me.body).toMatchObject({
      user: { email: TEST_ADMIN.email, isAdmin: true, emailVerified: true },
      role: 'ADMIN',
      permissions: ['read', 'write', 'admin'],
      via: 'userSession',
    });
  });

  it('keeps a memory-hard scrypt hash of the password, never the password', async () => {
    const { rows } = await testDatabase.database.pool.query(
      "SELECT password FROM accounts WHERE provider_id = 'credential'",
    );
    expect(rows).toHaveLength(1);
    // better-auth's format: hex salt, then the hex scrypt key (N=16384, r=16: 32 MiB per hash).
    expect(rows[0].password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(rows[0].password).not.toContain(TEST_ADMIN.password);
  });

  it('sets the session cookie HTTP-only and SameSite', async () => {
    const signIn = await call()({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin },
      body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
    });
    const session = signIn.headers.getSetCookie().find((cookie) => cookie.startsWith('fw.session_token='));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it('refuses further sign-ups without an invitation', async () => {
    const response = await call()({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      headers: { origin },
      body: {
        name: 'Mallory',
        email: 'mallory@example.test',
        password: 'a long password 1',
        acceptTerms: true,
      },
    });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'SIGNUP_CLOSED' });
  });
});

describe('API authentication', () => {
  it('answers 401 without credentials', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/sessions' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts the API key as a bearer token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers: admin.headers });
    expect(response.statusCode).toBe(200);
  });

  it('stores only a hash of the key, and shows the key once', async () => {
    const { rows } = await testDatabase.database.pool.query('SELECT * FROM api_keys');
    expect(JSON.stringify(rows)).not.toContain(admin.apiKey.slice(8));
    const list = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.headers });
    expect(list.body).not.toContain(admin.apiKey.slice(8));
    expect(list.json().items[0]).toMatchObject({
      prefix: admin.apiKey.slice(0, 12),
      scopes: ['read', 'write', 'admin'],
    });
  });

  it('answers 401 to a revoked key', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'short-lived', scopes: ['read'] },
    });
    expect(created.statusCode).toBe(201);
    const { id, key } = created.json();
    expect(key).toMatch(/^fw_live_[0-9A-Za-z]{32}$/);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/sessions',
          headers: { authorization: `Bearer ${key}` },
        })
      ).statusCode,
    ).toBe(200);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${id}`,
      headers: admin.headers,
    });
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'API_KEY_INVALID', message: 'The API key was revoked.' });
  });

  it('answers 401 to an expired key', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'expiring', scopes: ['read'], expiresAt: new Date(Date.now() + 60_000).toISOString() },
    });
    const { id, key } = created.json();
    // An hour passes.
    await testDatabase.database.pool.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'API_KEY_INVALID', message: 'The API key has expired.' });
  });

  it('refuses a key expiry in the past, naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'old', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'expiresAt' });
  });

  it('refuses a read-only key a change with 403', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'reader', scopes: ['read'] },
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { authorization: `Bearer ${created.json().key}` },
      payload: { name: 'x', startUrl: 'http://127.0.0.1:9/' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { cookie: admin.cookie, origin },
      payload: { name: 'csrf', startUrl: 'http://127.0.0.1:9/', autoStart: false },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CSRF_REJECTED' });
  });

  it('refuses a cookie-authenticated change from another origin, even with the token', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { cookie: admin.cookie, origin: 'https://evil.example', 'x-csrf-token': admin.csrfToken },
      payload: { name: 'csrf', startUrl: 'http://127.0.0.1:9/', autoStart: false },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts a cookie-authenticated change with the token from the same origin', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { cookie: admin.cookie, origin, 'x-csrf-token': admin.csrfToken },
      payload: { name: 'csrf', startUrl: 'http://127.0.0.1:9/', autoStart: false },
    });
    expect(response.statusCode).toBe(201);
  });

  it('signs out: the cookie stops working', async () => {
    const signIn = await call()({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin },
      body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password },
    });
    const jar = new CookieJar();
    jar.store(signIn.headers);
    const cookie = jar.header();
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const out = await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, origin } });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });
});
