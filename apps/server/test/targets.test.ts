import type { TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

let testDatabase: TestDatabase;
let testApp: TestApp;
/** app.inject as the administrator's API key. */
const api = (options: InjectOptions) => testApp.api(options);

/** DNS for this suite: no network; `loopback.test` is a name an attacker pointed at 127.0.0.1. */
const names: Record<string, string[]> = {
  'loopback.test': ['127.0.0.1'],
  'mixed.test': ['93.184.216.34', '10.0.0.5'],
  'public.test': ['93.184.216.34'],
};

beforeAll(async () => {
  testApp = await startTestApp({
    env: { ALLOW_PRIVATE_TARGETS: '0' },
    build: {
      resolveHost: async (host: string) => {
        const found = names[host];
        if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
        return found;
      },
    },
  });
  ({ testDatabase } = testApp);
});
afterAll(async () => {
  await testApp?.close();
});

async function countSessions(): Promise<number> {
  const { rows } = await testDatabase.database.pool.query<{ count: string }>('SELECT count(*) FROM sessions');
  return Number(rows[0]!.count);
}

describe('the SSRF guard, with private targets off', () => {
  for (const startUrl of [
    'http://127.0.0.1:8080/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://localhost:3000/',
    'http://loopback.test/',
    'http://mixed.test/',
  ]) {
    it(`refuses a session starting at ${startUrl}, and writes nothing`, async () => {
      const before = await countSessions();
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { name: 'ssrf', startUrl },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'startUrl' });
      expect(await countSessions()).toBe(before);
    });
  }

  it('refuses a name that does not resolve, saying so', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name: 'ssrf', startUrl: 'http://nowhere.test/' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TARGET_UNRESOLVABLE', field: 'startUrl' });
  });

  it('accepts public addresses and names', async () => {
    for (const startUrl of ['http://93.184.216.34/', 'https://public.test/path']) {
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { name: 'public', startUrl, autoStart: false },
      });
      expect(response.statusCode).toBe(201);
    }
  });

  it('refuses changing the start URL to a private address', async () => {
    const created = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name: 'patch', startUrl: 'http://93.184.216.34/', autoStart: false },
    });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.json().id}`,
      payload: { startUrl: 'http://169.254.169.254/' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'startUrl' });
  });

  it('refuses navigating a batch to a private address before touching any session', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/navigate',
      payload: { filter: {}, url: 'http://10.0.0.1/' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });
  });
});
