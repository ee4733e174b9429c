import { randomUUID } from 'node:crypto';
import type { ProxyProvider } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { openColumn } from '@fleetwright/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerSessionProxyUrl } from '../src/proxy-providers/index.ts';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 10, provider entries: CRUD, the presets, write-only encrypted passwords, validation against
 * the provider's kind (on POST and on PATCH), names unique per organization, tenancy, the entry's
 * own gateway under the target guard (private targets off here, as in production), and the proxy
 * URL a session gets from an entry.
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
const SECRET = 'provider-pa$$:w/rd@secret';
/** Every log line the app wrote, at trace level, kept here instead of printed. */
const logLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger({
    name: 'proxy-providers-test',
    level: 'trace',
    format: 'json',
    hooks: {
      streamWrite: (line: string) => {
        logLines.push(line);
        return '';
      },
    },
  });
  testApp = await startTestApp({
    env: { ALLOW_PRIVATE_TARGETS: '0' },
    build: {
      logger,
      // No network: `gw.public.test` stands for a provider's public gateway, `gw.internal.test` for a
      // name someone pointed at the platform's own network.
      resolveHost: async (host: string) => {
        if (host === 'gw.public.test') return ['93.184.216.34'];
        if (host === 'gw.internal.test') return ['10.0.0.5'];
        // Refused by name before any lookup; once listed, it resolves like anywhere.
        if (host === 'localhost') return ['127.0.0.1'];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      },
    },
  });
});
afterAll(async () => {
  await testApp?.close();
});

async function create(payload: object): Promise<ProxyProvider> {
  const response = await api({ method: 'POST', url: '/api/v1/proxy-providers', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function rawRow(id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await testApp.testDatabase.database.pool.query(
    'SELECT * FROM proxy_providers WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function auditEntries(targetId: string): Promise<{ action: string; details: unknown }[]> {
  const { rows } = await testApp.testDatabase.database.pool.query<{ action: string; details: unknown }>(
    'SELECT action, details FROM audit_logs WHERE target_id = $1 ORDER BY created_at',
    [targetId],
  );
  return rows;
}

async function setPrivateTargets(privateTargets: string[]): Promise<void> {
  const response = await api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
    payload: { privateTargets },
  });
  expect(response.statusCode, response.body).toBe(200);
}

const brightData = (name: string) => ({
  name,
  kind: 'brightdata',
  username: 'hl_1234abcd',
  zone: 'residential_proxy1',
  password: SECRET,
});

describe('the presets', () => {
  it('answer each provider with its gateway, zone, sticky exits and countries', async () => {
    const response = await api({ method: 'GET', url: '/api/v1/proxy-providers/presets' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { kind: string }[];
    expect(items.map((item) => item.kind)).toEqual(['brightdata', 'decodo', 'oxylabs', 'proxymesh']);
    expect(items[0]).toEqual({
      kind: 'brightdata',
      label: 'Bright Data',
      host: 'brd.superproxy.io',
      port: 33335,
      needsZone: true,
      sticky: true,
      countries: 'any',
    });
    expect(items[3]).toMatchObject({ kind: 'proxymesh', sticky: false, needsZone: false });
    expect((items[3] as unknown as { countries: string[] }).countries).toContain('DE');
  });
});

describe('a provider entry', () => {
  it('is created, read, listed, changed and deleted, with an audit entry for each change', async () => {
    const entry = await create({ ...brightData('Bright Data EU'), countries: ['de', 'FR'] });
    expect(entry).toMatchObject({
      name: 'Bright Data EU',
      kind: 'brightdata',
      username: 'hl_1234abcd',
      zone: 'residential_proxy1',
      hasPassword: true,
      // The preset's gateway, since the entry names none.
      host: 'brd.superproxy.io',
      port: 33335,
      countries: ['DE', 'FR'],
      stickyMinutes: null,
    });
    const one = await api({ method: 'GET', url: `/api/v1/proxy-providers/${entry.id}` });
    expect(one.json()).toEqual(entry);
    const list = await api({ method: 'GET', url: '/api/v1/proxy-providers' });
    expect(list.json()).toMatchObject({ items: [entry], total: 1, page: 1, pageSize: 50 });

    const patched = await api({
      method: 'PATCH',
      url: `/api/v1/proxy-providers/${entry.id}`,
      payload: { name: 'Bright Data DE', countries: ['DE'], host: 'gw.public.test', port: 22225 },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      name: 'Bright Data DE',
      countries: ['DE'],
      host: 'gw.public.test',
      port: 22225,
      zone: 'residential_proxy1',
    });

    const deleted = await api({ method: 'DELETE', url: `/api/v1/proxy-providers/${entry.id}` });
    expect(deleted.statusCode).toBe(204);
    const gone = await api({ method: 'GET', url: `/api/v1/proxy-providers/${entry.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'PROXY_PROVIDER_NOT_FOUND' });
    expect(await rawRow(entry.id)).toBeUndefined();
    expect((await auditEntries(entry.id)).map((row) => row.action)).toEqual([
      'proxy_provider.created',
      'proxy_provider.updated',
      'proxy_provider.deleted',
    ]);
  });

  it('never answers its password and stores it encrypted, bound to its row', async () => {
    const entry = await create(brightData('Secretive'));
    const replaced = await api({
      method: 'PATCH',
      url: `/api/v1/proxy-providers/${entry.id}`,
      payload: { password: `${SECRET}-2` },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.body).not.toContain(SECRET);
    for (const url of [
      `/api/v1/proxy-providers/${entry.id}`,
      '/api/v1/proxy-providers',
      '/api/v1/audit-logs',
    ]) {
      const response = await api({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body, url).not.toContain(SECRET);
      expect(response.body, url).not.toContain(encodeURIComponent(SECRET));
    }
    const row = await rawRow(entry.id);
    expect(row!.password).toMatch(/^fw1:/);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(
      openColumn(testApp.app.keyring, row!.password as string, `proxy_providers.password:${entry.id}`),
    ).toBe(`${SECRET}-2`);
    expect(JSON.stringify(await auditEntries(entry.id))).not.toContain(SECRET);
    expect((await auditEntries(entry.id)).at(-1)!.details).toMatchObject({ password: 'replaced' });
  });

  it('is refused a second time under the same name with 409, on POST and on PATCH', async () => {
    await create(brightData('Twice'));
    const again = await api({ method: 'POST', url: '/api/v1/proxy-providers', payload: brightData('Twice') });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PROXY_PROVIDER_ALREADY_EXISTS', field: 'name' });
    const other = await create(brightData('Once'));
    const renamed = await api({
      method: 'PATCH',
      url: `/api/v1/proxy-providers/${other.id}`,
      payload: { name: 'Twice' },
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ code: 'PROXY_PROVIDER_ALREADY_EXISTS', field: 'name' });
    expect((await api({ method: 'GET', url: `/api/v1/proxy-providers/${other.id}` })).json().name).toBe(
      'Once',
    );
  });

  for (const [payload, field] of [
    [{ ...brightData('x'), kind: 'luminati' }, 'kind'],
    [{ ...brightData('x'), zone: undefined }, 'zone'],
    [{ ...brightData('x'), countries: ['DE', 'DEU'] }, 'countries.1'],
    [{ name: 'x', kind: 'proxymesh', username: 'u', password: 'p', countries: ['US', 'BR'] }, 'countries.1'],
    [{ ...brightData('x'), port: 70000 }, 'port'],
    [{ ...brightData('x'), host: 'not a host' }, 'host'],
    [{ ...brightData('x'), password: '' }, 'password'],
    [{ ...brightData('x'), stickyMinutes: 0 }, 'stickyMinutes'],
    [{ ...brightData('x'), extra: true }, 'extra'],
  ] as const) {
    it(`refuses ${JSON.stringify(payload)} naming ${field}`, async () => {
      const response = await api({ method: 'POST', url: '/api/v1/proxy-providers', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field });
      expect(response.body).not.toContain(SECRET);
    });
  }

  it('refuses a PATCH that breaks what its kind needs, naming the field, and changes nothing', async () => {
    const bright = await create(brightData('Zoned'));
    const mesh = await create({
      name: 'Mesh',
      kind: 'proxymesh',
      username: 'u',
      password: 'p',
      countries: ['US'],
    });
    for (const [id, payload, field] of [
      [bright.id, { zone: null }, 'zone'],
      [mesh.id, { countries: ['DE', 'BR'] }, 'countries.1'],
      [mesh.id, { kind: 'oxylabs' }, 'kind'],
    ] as const) {
      const response = await api({ method: 'PATCH', url: `/api/v1/proxy-providers/${id}`, payload });
      expect([response.statusCode, response.json()]).toEqual([
        400,
        expect.objectContaining({ code: 'VALIDATION_ERROR', field }),
      ]);
    }
    expect((await rawRow(bright.id))!.zone).toBe('residential_proxy1');
    expect((await rawRow(mesh.id))!).toMatchObject({ kind: 'proxymesh', countries: ['US'] });
  });
});

describe("a session through an entry's gateway", () => {
  it('passes the target guard at the session too: a private gateway only while the organization allows it', async () => {
    await setPrivateTargets(['127.0.0.1']);
    let entry: { id: string };
    const session = (body: object) =>
      api({
        method: 'POST',
        url: '/api/v1/sessions',
        payload: { name: 'via provider', startUrl: 'http://gw.public.test/', autoStart: false, ...body },
      });
    try {
      entry = await create({ ...brightData('loopback gateway'), host: '127.0.0.1', port: 3128 });
      const allowed = await session({ proxy: { providerId: entry.id, country: 'DE' } });
      expect(allowed.statusCode, allowed.body).toBe(201);
    } finally {
      await setPrivateTargets([]);
    }
    // The organization's private targets were withdrawn since the entry was made.
    const refused = await session({ proxy: { providerId: entry.id, country: 'DE' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'proxy' });
    expect(refused.body).not.toContain(SECRET);
  });
});

describe('the gateway of an entry', () => {
  for (const host of ['127.0.0.1', '10.1.2.3', '169.254.169.254', 'localhost', 'gw.internal.test']) {
    it(`is refused on ${host} unless the organization's private targets allow it`, async () => {
      const name = `gw ${host}`;
      const refused = await api({
        method: 'POST',
        url: '/api/v1/proxy-providers',
        payload: { ...brightData(name), host },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'host' });
      expect(refused.body).not.toContain(SECRET);

      const entry = await create({ ...brightData(name), host: 'gw.public.test' });
      const moved = await api({
        method: 'PATCH',
        url: `/api/v1/proxy-providers/${entry.id}`,
        payload: { host },
      });
      expect(moved.statusCode).toBe(400);
      expect(moved.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'host' });
      expect((await rawRow(entry.id))!.host).toBe('gw.public.test');

      await setPrivateTargets(['10.0.0.0/8', '127.0.0.1', '169.254.169.254', 'localhost']);
      try {
        const allowed = await api({
          method: 'PATCH',
          url: `/api/v1/proxy-providers/${entry.id}`,
          payload: { host },
        });
        expect(allowed.statusCode, allowed.body).toBe(200);
        expect(allowed.json().host).toBe(host);
      } finally {
        await setPrivateTargets([]);
      }
    });
  }
});

describe('tenancy', () => {
  it("answers 404 for another organization's entry and never lists it", async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const id = randomUUID();
    await pool.query(
      `INSERT INTO proxy_providers (id, organization_id, name, kind, username, password) VALUES ($1, $2, 'Theirs', 'oxylabs', 'them', 'x')`,
      [id, other.id],
    );
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'Mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await api({
        method,
        url: `/api/v1/proxy-providers/${id}`,
        ...(payload ? { payload } : {}),
      });
      expect([method, response.statusCode, response.json().code]).toEqual([
        method,
        404,
        'PROXY_PROVIDER_NOT_FOUND',
      ]);
    }
    const list = await api({ method: 'GET', url: '/api/v1/proxy-providers?pageSize=200' });
    expect(list.body).not.toContain(id);
    expect(await rawRow(id)).toMatchObject({ name: 'Theirs' });
    await expect(
      providerSessionProxyUrl(testApp.app, testApp.administrator.organizationId, id, {}),
    ).rejects.toMatchObject({ code: 'PROXY_PROVIDER_NOT_FOUND', status: 404 });
  });
});

describe('providerSessionProxyUrl', () => {
  const urlFor = (id: string, target: { country?: string; sessionKey?: string } = {}) =>
    providerSessionProxyUrl(testApp.app, testApp.administrator.organizationId, id, target);

  it("builds the provider's username for the country and sticky key, with the password decrypted", async () => {
    const oxylabs = await create({
      name: 'Oxylabs',
      kind: 'oxylabs',
      username: 'joe',
      password: SECRET,
      stickyMinutes: 30,
    });
    const url = new URL(await urlFor(oxylabs.id, { country: 'de', sessionKey: 'session-1234' }));
    expect(url.host).toBe('pr.oxylabs.io:7777');
    expect(decodeURIComponent(url.username)).toBe('customer-joe-cc-DE-sessid-session1234-sesstime-30');
    expect(decodeURIComponent(url.password)).toBe(SECRET);

    const rotating = new URL(await urlFor(oxylabs.id));
    expect(decodeURIComponent(rotating.username)).toBe('customer-joe');
  });

  it("uses the entry's own gateway, and ProxyMesh's server for the country", async () => {
    const bright = await create({ ...brightData('Own gateway'), host: 'gw.public.test', port: 22225 });
    const url = new URL(await urlFor(bright.id, { country: 'BR' }));
    expect(url.host).toBe('gw.public.test:22225');
    expect(decodeURIComponent(url.username)).toBe(
      'brd-customer-hl_1234abcd-zone-residential_proxy1-country-br',
    );

    const mesh = await create({ name: 'Mesh anywhere', kind: 'proxymesh', username: 'm', password: 'p' });
    expect(new URL(await urlFor(mesh.id, { country: 'DE' })).host).toBe('de.proxymesh.com:31280');
  });

  it('refuses a country the provider does not serve, or the entry leaves out, with PROXY_COUNTRY_NOT_SERVED', async () => {
    const mesh = await create({ name: 'Mesh for BR?', kind: 'proxymesh', username: 'm', password: 'p' });
    await expect(urlFor(mesh.id, { country: 'BR' })).rejects.toMatchObject({
      code: 'PROXY_COUNTRY_NOT_SERVED',
      status: 409,
      field: 'country',
    });
    const limited = await create({ ...brightData('DE only'), countries: ['DE'] });
    await expect(urlFor(limited.id, { country: 'DE' })).resolves.toContain('country-de');
    await expect(urlFor(limited.id, { country: 'FR' })).rejects.toMatchObject({
      code: 'PROXY_COUNTRY_NOT_SERVED',
      field: 'country',
    });
    // The country goes into the username: a value that is no country code must not.
    await expect(urlFor(limited.id, { country: 'de-session-x' })).rejects.toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'country',
    });
  });

  it('answers PROXY_PROVIDER_NOT_FOUND for an unknown entry', async () => {
    await expect(urlFor(randomUUID())).rejects.toMatchObject({
      code: 'PROXY_PROVIDER_NOT_FOUND',
      status: 404,
    });
  });
});

describe('the log', () => {
  it('never carries a password, whatever was created, changed or refused above', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain(encodeURIComponent(SECRET));
  });
});
