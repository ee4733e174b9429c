import { publicUrl } from '@fleetwright/config';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { signInAdministrator, testLogger } from './support.ts';

let testDatabase: TestDatabase;
let app: App;
let apiKey: string;

beforeAll(async () => {
  testDatabase = await startTestDatabase({
    env: { RATE_LIMIT_AUTH_PER_MINUTE: '5', RATE_LIMIT_API_PER_MINUTE: '20' },
  });
  app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger: testLogger(),
  });
  // Two sign-in attempts of the limit's five (sign-up and sign-in).
  apiKey = (await signInAdministrator(app, testDatabase.config)).apiKey;
});
afterAll(async () => {
  await app?.close();
  await testDatabase?.stop();
});

describe('rate limits', () => {
  it('answers 429 with Retry-After to password guessing from one address', async () => {
    const origin = publicUrl(testDatabase.config);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<App['inject']>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin, 'content-type': 'application/json' },
        payload: { email: 'admin@example.test', password: `guess number ${i}` },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // The counter lives in Postgres, so every server replica sees it.
    const { rows } = await testDatabase.database.pool.query(
      "SELECT count FROM rate_limits WHERE key = 'auth-ip:127.0.0.1'",
    );
    expect(rows[0].count).toBeGreaterThanOrEqual(7);
  });

  it('does not count reading the session against the sign-in limit', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/auth/get-session' });
    expect(response.statusCode).toBe(200);
  });

  it('answers 429 with Retry-After to an API key over its limit, and not to another caller', async () => {
    let response: Awaited<ReturnType<App['inject']>> | undefined;
    const statuses = new Set<number>();
    for (let i = 0; i < 21; i++) {
      response = await app.inject({
        method: 'GET',
        url: '/api/v1/sessions',
        headers: { authorization: `Bearer ${apiKey}` },
      });
      statuses.add(response.statusCode);
    }
    expect([...statuses]).toEqual([200, 429]);
    expect(response!.headers['retry-after']).toBeDefined();
    expect(response!.json()).toMatchObject({ code: 'RATE_LIMITED' });
    const other = await app.inject({ method: 'GET', url: '/api/v1/sessions' });
    expect(other.statusCode).toBe(401);
  });
});
