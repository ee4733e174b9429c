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

describe("a session's proxy, with private targets off (issue 10)", () => {
  for (const proxyUrl of [
    'http://127.0.0.1:3128',
    'http://user:secret@10.0.0.5:8080',
    'socks5://[::1]:1080',
    'http://loopback.test:3128',
  ]) {
    it(`refuses a proxy at ${new URL(proxyUrl).host}, naming proxyUrl and no credentials, and writes nothing`, async () => {
      const before = await countSessions();
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { name: 'proxied', startUrl: 'http://93.184.216.34/', proxyUrl, autoStart: false },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'proxyUrl' });
      expect(response.body).not.toContain('secret');
      expect(await countSessions()).toBe(before);
    });
  }

  it('refuses changing a proxy to a private address', async () => {
    const created = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name: 'patch proxy', startUrl: 'http://93.184.216.34/', autoStart: false },
    });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${created.json().id}`,
      payload: { proxyUrl: 'http://169.254.169.254:8080' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'proxyUrl' });
  });

  it('accepts a public proxy of every scheme, SOCKS with credentials too (the egress guard authenticates)', async () => {
    for (const proxyUrl of [
      'http://user:pw@93.184.216.34:8080',
      'https://public.test:8443',
      'socks4://93.184.216.34:1080',
      'socks5://user:pw@public.test:1080',
    ]) {
      const response = await api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { name: 'public proxy', startUrl: 'http://93.184.216.34/', proxyUrl, autoStart: false },
      });
      expect(response.statusCode, `${proxyUrl}: ${response.body}`).toBe(201);
    }
  });
});

describe("an organization's private targets (issue 10)", () => {
  const organizationUrl = () => `/api/v1/admin/organizations/${testApp.administrator.organizationId}`;
  const setPrivateTargets = (privateTargets: unknown) =>
    api({ method: 'PATCH', url: organizationUrl(), payload: { privateTargets } });
  const createSession = (startUrl: string, proxyUrl?: string) =>
    api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name: 'staging', startUrl, autoStart: false, ...(proxyUrl ? { proxyUrl } : {}) },
    });

  it.each([
    ['10.20.0.0/33', 0],
    ['fd00::/129', 0],
    ['10.0.0.256', 0],
    ['intra net.example', 1],
  ])('refuses the entry %s with a 400 naming it, and keeps the list', async (entry, index) => {
    const entries = index === 0 ? [entry] : ['10.1.0.0/16', entry];
    const response = await setPrivateTargets(entries);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: `privateTargets.${index}` });
    expect(response.json().message).toContain(JSON.stringify(entry));
    const organization = await api({ method: 'GET', url: '/api/v1/organization' });
    expect(organization.json().privateTargets).toEqual([]);
  });

  it('lets exactly the listed hosts and ranges through, for start URLs, navigation and proxies, and audits the change', async () => {
    expect((await createSession('http://10.20.1.2/')).statusCode).toBe(400);
    const set = await setPrivateTargets(['10.20.0.0/16', 'Intranet.example', 'fd00:20::/32']);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().privateTargets).toEqual(['10.20.0.0/16', 'intranet.example', 'fd00:20::/32']);
    try {
      expect((await createSession('http://10.20.1.2/')).statusCode).toBe(201);
      expect((await createSession('http://[fd00:20::5]/')).statusCode).toBe(201);
      expect((await createSession('http://93.184.216.34/', 'http://u:p@10.20.0.9:3128')).statusCode).toBe(
        201,
      );
      for (const startUrl of ['http://10.21.0.1/', 'http://127.0.0.1/', 'http://169.254.169.254/']) {
        const refused = await createSession(startUrl);
        expect(refused.statusCode, startUrl).toBe(400);
        expect(refused.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'startUrl' });
      }
      expect((await createSession('http://93.184.216.34/', 'http://10.21.0.9:3128')).json()).toMatchObject({
        code: 'TARGET_NOT_ALLOWED',
        field: 'proxyUrl',
      });
      const navigate = await api({
        method: 'POST',
        url: '/api/v1/sessions/batch/navigate',
        payload: { filter: {}, url: 'http://10.21.0.1/' },
      });
      expect(navigate.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });
      const audit = await api({
        method: 'GET',
        url: '/api/v1/audit-logs?action=organization.private_targets_changed',
      });
      expect(audit.json().items[0]).toMatchObject({
        targetId: testApp.administrator.organizationId,
        details: { before: [], after: ['10.20.0.0/16', 'intranet.example', 'fd00:20::/32'] },
      });
    } finally {
      expect((await setPrivateTargets([])).statusCode).toBe(200);
    }
    expect((await createSession('http://10.20.1.2/')).statusCode).toBe(400);
  });

  it('is for platform administrators to set, not for the organization', async () => {
    const response = await api({
      method: 'PATCH',
      url: '/api/v1/organization',
      payload: { privateTargets: ['10.0.0.0/8'] },
    });
    expect(response.statusCode).toBe(400);
  });
});
