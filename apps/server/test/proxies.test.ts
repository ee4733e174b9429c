import { randomUUID } from 'node:crypto';
import type { PoolProxy } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { startSite, type TestSite } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 10, the pool: add, edit, tags, blacklist, delete and bulk delete, filters and pages, the
 * plan's quota, write-only passwords, tenancy, the audit log, a proxy's host and an import URL under
 * the SSRF guard (private targets off here; the import formats are in proxies-import.test.ts).
 */
let testApp: TestApp;
let site: TestSite;
const api = (options: InjectOptions) => testApp.api(options);
const SECRET = 'hunter2-very-secret';

beforeAll(async () => {
  site = await startSite({ '/list.txt': '1.2.3.4:8080\n' });
  testApp = await startTestApp({
    env: { ALLOW_PRIVATE_TARGETS: '0' },
    build: {
      // No network: `lists.test` is a name someone pointed at loopback (`localhost` is refused by
      // name first, and resolves only once it is listed); the other example names
      // stand for public proxies.
      resolveHost: async (host: string) => {
        if (host === 'lists.test' || host === 'localhost') return ['127.0.0.1'];
        if (/\.(example\.com|test)$/.test(host)) return ['93.184.216.34'];
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      },
    },
  });
  await setProxyQuota(1000);
});
afterAll(async () => {
  await testApp?.close();
  await site?.close();
});

async function setProxyQuota(proxies: number): Promise<void> {
  const response = await api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
    payload: { quotaOverrides: { proxies } },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function create(payload: object): Promise<PoolProxy> {
  const response = await api({ method: 'POST', url: '/api/v1/proxies', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function rawRow(id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await testApp.testDatabase.database.pool.query('SELECT * FROM proxies WHERE id = $1', [
    id,
  ]);
  return rows[0];
}

async function clearPool(): Promise<void> {
  await testApp.testDatabase.database.pool.query('DELETE FROM proxies');
}

async function auditActions(targetId: string): Promise<string[]> {
  const { rows } = await testApp.testDatabase.database.pool.query<{ action: string }>(
    'SELECT action FROM audit_logs WHERE target_id = $1 ORDER BY created_at',
    [targetId],
  );
  return rows.map((row) => row.action);
}

describe('a proxy added by hand', () => {
  it('answers hasPassword and never the password, and stores it encrypted', async () => {
    const proxy = await create({
      protocol: 'socks5',
      host: 'Proxy.Example.com',
      port: 1080,
      username: 'alice',
      password: SECRET,
      tags: ['eu', 'eu', 'fast'],
    });
    expect(proxy).toMatchObject({
      protocol: 'socks5',
      host: 'proxy.example.com',
      port: 1080,
      username: 'alice',
      hasPassword: true,
      tags: ['eu', 'fast'],
      status: 'UNCHECKED',
      country: null,
      sessionsUsing: 0,
    });
    expect(proxy).not.toHaveProperty('password');
    for (const url of [`/api/v1/proxies/${proxy.id}`, '/api/v1/proxies', '/api/v1/audit-logs']) {
      const response = await api({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body, url).not.toContain(SECRET);
    }
    const row = await rawRow(proxy.id);
    expect(row!.password).toMatch(/^fw1:/);
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(await auditActions(proxy.id)).toEqual(['proxy.created']);
  });

  it('is refused a second time with 409, whatever the case of the host', async () => {
    const first = await create({ host: 'dup.example.com', port: 3128, username: 'u' });
    const again = await api({
      method: 'POST',
      url: '/api/v1/proxies',
      payload: { protocol: 'http', host: 'DUP.example.com', port: 3128, username: 'u' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PROXY_ALREADY_EXISTS', details: { id: first.id } });
    // Another user on the same endpoint is another proxy.
    await create({ host: 'dup.example.com', port: 3128, username: 'v' });
  });

  it('keeps an IPv6 host without its brackets', async () => {
    const proxy = await create({ host: '[2606:4700::ABCD]', port: 8080 });
    expect(proxy.host).toBe('2606:4700::abcd');
  });

  for (const [payload, field] of [
    [{ host: 'h.example', port: 0 }, 'port'],
    [{ host: 'h.example', port: 65536 }, 'port'],
    [{ host: 'h.example', port: 80.5 }, 'port'],
    [{ host: 'h.example', port: '80' }, 'port'],
    [{ protocol: 'ftp', host: 'h.example', port: 80 }, 'protocol'],
    [{ host: 'not a host', port: 80 }, 'host'],
    [{ host: '999.1.1.1', port: 80 }, 'host'],
    [{ port: 80 }, 'host'],
    [{ host: 'h.example', port: 80, password: 'a\nb' }, 'password'],
    [{ host: 'h.example', port: 80, tags: ['no spaces'] }, 'tags.0'],
    [{ host: 'h.example', port: 80, extra: 1 }, 'extra'],
  ] as const) {
    it(`refuses ${JSON.stringify(payload)} naming ${field}`, async () => {
      const response = await api({ method: 'POST', url: '/api/v1/proxies', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });
  }

  it('refuses malformed JSON with 400', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/proxies',
      payload: '{"host": "h.example", "port": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_JSON');
  });
});

describe('editing a proxy', () => {
  it('changes its tags and password, and the password stays write-only', async () => {
    const proxy = await create({ host: 'edit.example.com', port: 8000, password: 'old-password' });
    const before = (await rawRow(proxy.id))!.password;
    const patched = await api({
      method: 'PATCH',
      url: `/api/v1/proxies/${proxy.id}`,
      payload: { tags: ['team-a'], password: SECRET },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ tags: ['team-a'], hasPassword: true, status: 'UNCHECKED' });
    expect(patched.body).not.toContain(SECRET);
    const after = (await rawRow(proxy.id))!.password;
    expect(after).not.toBe(before);
    expect(String(after)).not.toContain(SECRET);

    const removed = await api({
      method: 'PATCH',
      url: `/api/v1/proxies/${proxy.id}`,
      payload: { password: null },
    });
    expect(removed.json()).toMatchObject({ hasPassword: false });
    expect((await rawRow(proxy.id))!.password).toBeNull();
    expect(await auditActions(proxy.id)).toEqual(['proxy.created', 'proxy.updated', 'proxy.updated']);
  });

  it('clears the check results when the endpoint changes', async () => {
    const proxy = await create({ host: 'moved.example.com', port: 8000 });
    await testApp.testDatabase.database.pool.query(
      `UPDATE proxies SET status = 'HEALTHY', country = 'DE', latency_ms = 120, exit_ip = '5.6.7.8' WHERE id = $1`,
      [proxy.id],
    );
    const tagged = await api({
      method: 'PATCH',
      url: `/api/v1/proxies/${proxy.id}`,
      payload: { tags: ['x'] },
    });
    expect(tagged.json()).toMatchObject({ status: 'HEALTHY', country: 'DE', latencyMs: 120 });
    const moved = await api({ method: 'PATCH', url: `/api/v1/proxies/${proxy.id}`, payload: { port: 8001 } });
    expect(moved.json()).toMatchObject({
      port: 8001,
      status: 'UNCHECKED',
      country: null,
      latencyMs: null,
      exitIp: null,
    });
  });

  it('answers 409 when it would become another proxy, and changes nothing', async () => {
    await create({ host: 'taken.example.com', port: 9000 });
    const proxy = await create({ host: 'free.example.com', port: 9000 });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/proxies/${proxy.id}`,
      payload: { host: 'taken.example.com', tags: ['changed'] },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'PROXY_ALREADY_EXISTS', field: 'host' });
    const unchanged = await api({ method: 'GET', url: `/api/v1/proxies/${proxy.id}` });
    expect(unchanged.json()).toMatchObject({ host: 'free.example.com', tags: [] });
  });

  it('refuses a port out of range naming it', async () => {
    const proxy = await create({ host: 'range.example.com', port: 9000 });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/proxies/${proxy.id}`,
      payload: { port: 70000 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'port' });
  });
});

describe('blacklisting', () => {
  it('blacklists, and undoing it makes the proxy UNCHECKED, each once in the audit log', async () => {
    const proxy = await create({ host: 'black.example.com', port: 8080 });
    await testApp.testDatabase.database.pool.query(`UPDATE proxies SET status = 'DOWN' WHERE id = $1`, [
      proxy.id,
    ]);
    const url = `/api/v1/proxies/${proxy.id}/blacklist`;
    expect((await api({ method: 'POST', url })).json()).toMatchObject({ status: 'BLACKLISTED' });
    expect((await api({ method: 'POST', url })).json()).toMatchObject({ status: 'BLACKLISTED' });
    const listed = await api({ method: 'GET', url: '/api/v1/proxies?status=BLACKLISTED' });
    expect(listed.json().items.map((item: PoolProxy) => item.id)).toEqual([proxy.id]);
    expect((await api({ method: 'DELETE', url })).json()).toMatchObject({ status: 'UNCHECKED' });
    expect((await api({ method: 'DELETE', url })).json()).toMatchObject({ status: 'UNCHECKED' });
    expect(await auditActions(proxy.id)).toEqual([
      'proxy.created',
      'proxy.blacklisted',
      'proxy.unblacklisted',
    ]);
  });
});

describe('deleting', () => {
  it('deletes one proxy', async () => {
    const proxy = await create({ host: 'gone.example.com', port: 8080 });
    const response = await api({ method: 'DELETE', url: `/api/v1/proxies/${proxy.id}` });
    expect(response.statusCode).toBe(204);
    const after = await api({ method: 'GET', url: `/api/v1/proxies/${proxy.id}` });
    expect(after.statusCode).toBe(404);
    expect(after.json().code).toBe('PROXY_NOT_FOUND');
    expect(await auditActions(proxy.id)).toEqual(['proxy.created', 'proxy.deleted']);
  });

  it('deletes many by ids or by a filter', async () => {
    await clearPool();
    const a = await create({ host: 'a.bulk.test', port: 1, tags: ['bulk'] });
    const b = await create({ host: 'b.bulk.test', port: 1, tags: ['bulk'] });
    const c = await create({ host: 'c.bulk.test', port: 1, tags: ['keep'] });
    const byIds = await api({
      method: 'POST',
      url: '/api/v1/proxies/delete',
      payload: { ids: [a.id, randomUUID()] },
    });
    expect(byIds.json()).toEqual({ deleted: 1 });
    const byFilter = await api({
      method: 'POST',
      url: '/api/v1/proxies/delete',
      payload: { filter: { tag: 'bulk' } },
    });
    expect(byFilter.json()).toEqual({ deleted: 1 });
    const left = await api({ method: 'GET', url: '/api/v1/proxies' });
    expect(left.json().items.map((item: PoolProxy) => item.id)).toEqual([c.id]);
    expect(b.id).not.toBe(c.id);
    const neither = await api({ method: 'POST', url: '/api/v1/proxies/delete', payload: {} });
    expect(neither.statusCode).toBe(400);
    expect(neither.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'ids' });
  });
});

describe('the list', () => {
  it('filters by status, country, protocol, tag and a search on host or tag, in pages', async () => {
    await clearPool();
    const de = await create({ protocol: 'http', host: 'de1.pool.test', port: 80, tags: ['residential'] });
    const us = await create({ protocol: 'socks5', host: 'us1.pool.test', port: 1080, tags: ['datacenter'] });
    const other = await create({ protocol: 'https', host: 'fr1.pool.test', port: 443 });
    const { pool } = testApp.testDatabase.database;
    await pool.query(`UPDATE proxies SET country = 'DE', status = 'HEALTHY' WHERE id = $1`, [de.id]);
    await pool.query(`UPDATE proxies SET country = 'US', status = 'DOWN' WHERE id = $1`, [us.id]);
    const ids = async (query: string) => {
      const response = await api({ method: 'GET', url: `/api/v1/proxies${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((item: PoolProxy) => item.id);
    };
    expect(await ids('?status=HEALTHY')).toEqual([de.id]);
    expect(await ids('?country=us')).toEqual([us.id]);
    expect(await ids('?protocol=https')).toEqual([other.id]);
    expect(await ids('?tag=datacenter')).toEqual([us.id]);
    expect(await ids('?search=FR1')).toEqual([other.id]);
    expect(await ids('?search=resid')).toEqual([de.id]);
    expect(await ids('?search=%25')).toEqual([]);
    expect(await ids('')).toEqual([other.id, us.id, de.id]);
    const page = await api({ method: 'GET', url: '/api/v1/proxies?page=2&pageSize=2' });
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: de.id }] });
  });

  for (const [query, field] of [
    ['status=GOOD', 'status'],
    ['protocol=ftp', 'protocol'],
    ['country=Germany', 'country'],
    ['pageSize=1000', 'pageSize'],
  ] as const) {
    it(`refuses ?${query} naming ${field}`, async () => {
      const response = await api({ method: 'GET', url: `/api/v1/proxies?${query}` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field });
    });
  }
});

describe('the plan quota', () => {
  it('refuses one proxy more than the plan allows, naming the quota', async () => {
    await clearPool();
    await setProxyQuota(2);
    try {
      await create({ host: 'q1.example.com', port: 1 });
      await create({ host: 'q2.example.com', port: 1 });
      const third = await api({
        method: 'POST',
        url: '/api/v1/proxies',
        payload: { host: 'q3.example.com', port: 1 },
      });
      expect(third.statusCode).toBe(403);
      expect(third.json()).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota: 'proxies', limit: 2 } });
      const list = await api({ method: 'GET', url: '/api/v1/proxies' });
      expect(list.json().total).toBe(2);
    } finally {
      await setProxyQuota(1000);
    }
  });
});

describe("another organization's proxy", () => {
  it('answers 404 PROXY_NOT_FOUND to every route, and is never listed or deleted', async () => {
    const { db, pool } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const id = randomUUID();
    await pool.query(
      `INSERT INTO proxies (id, organization_id, protocol, host, port, tags) VALUES ($1, $2, 'http', 'theirs.test', 8080, '{shared}')`,
      [id, other.id],
    );
    const routes: InjectOptions[] = [
      { method: 'GET', url: `/api/v1/proxies/${id}` },
      { method: 'PATCH', url: `/api/v1/proxies/${id}`, payload: { tags: ['mine'] } },
      { method: 'DELETE', url: `/api/v1/proxies/${id}` },
      { method: 'POST', url: `/api/v1/proxies/${id}/blacklist` },
      { method: 'DELETE', url: `/api/v1/proxies/${id}/blacklist` },
    ];
    for (const route of routes) {
      const response = await api(route);
      expect([route.method, route.url, response.statusCode, response.json().code]).toEqual([
        route.method,
        route.url,
        404,
        'PROXY_NOT_FOUND',
      ]);
    }
    expect(
      (await api({ method: 'POST', url: '/api/v1/proxies/delete', payload: { ids: [id] } })).json(),
    ).toEqual({
      deleted: 0,
    });
    await api({ method: 'POST', url: '/api/v1/proxies/delete', payload: { filter: { tag: 'shared' } } });
    const listed = await api({ method: 'GET', url: '/api/v1/proxies?pageSize=200' });
    expect(listed.body).not.toContain(id);
    // A merge on import stays in the importing organization too.
    const imported = await api({
      method: 'POST',
      url: '/api/v1/proxies/import',
      payload: 'theirs.test:8080\n',
      headers: { 'content-type': 'text/plain' },
    });
    expect(imported.json()).toMatchObject({ imported: 1, merged: 0 });
    const { rows } = await pool.query('SELECT status, tags FROM proxies WHERE id = $1', [id]);
    expect(rows).toEqual([{ status: 'UNCHECKED', tags: ['shared'] }]);
  });
});

describe("a proxy's host under the target guard (issue 10)", () => {
  async function setPrivateTargets(privateTargets: string[]): Promise<void> {
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
      payload: { privateTargets },
    });
    expect(response.statusCode, response.body).toBe(200);
  }
  const PRIVATE = ['127.0.0.1', '10.0.0.0/8', '169.254.169.254', '::1', 'localhost', 'lists.test'];

  for (const host of ['127.0.0.1', '10.0.0.7', '169.254.169.254', '[::1]', 'localhost', 'lists.test']) {
    it(`refuses ${host} on POST and PATCH with TARGET_NOT_ALLOWED naming host, unless private targets allow it`, async () => {
      await clearPool();
      const refused = await api({ method: 'POST', url: '/api/v1/proxies', payload: { host, port: 8080 } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'host' });
      const proxy = await create({ host: 'public.example.com', port: 8080 });
      const moved = await api({ method: 'PATCH', url: `/api/v1/proxies/${proxy.id}`, payload: { host } });
      expect(moved.statusCode).toBe(400);
      expect(moved.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'host' });
      expect((await rawRow(proxy.id))!.host).toBe('public.example.com');

      await setPrivateTargets(PRIVATE);
      try {
        const allowed = await api({ method: 'PATCH', url: `/api/v1/proxies/${proxy.id}`, payload: { host } });
        expect(allowed.statusCode, allowed.body).toBe(200);
        await create({ host, port: 8081 });
      } finally {
        await setPrivateTargets([]);
      }
    });
  }

  it('refuses the import lines on private addresses, each with its line, and imports the others', async () => {
    await clearPool();
    const list = [
      '127.0.0.1:8080',
      '93.184.216.34:8080',
      'socks5://u:p@10.0.0.7:1080',
      'localhost:3128',
      '[::1]:8080',
      'http://169.254.169.254:80',
      // A name is not looked up at import (100,000 lookups would cost more than the import): it is
      // checked with DNS wherever it is connected to.
      'lists.test:8080',
    ].join('\n');
    const importList = () =>
      api({
        method: 'POST',
        url: '/api/v1/proxies/import',
        payload: list,
        headers: { 'content-type': 'text/plain' },
      });
    const refused = await importList();
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ imported: 2, invalidCount: 5, total: 7 });
    expect(refused.json().invalid).toEqual(
      [1, 3, 4, 5, 6].map((line) =>
        expect.objectContaining({
          line,
          field: 'host',
          code: 'TARGET_NOT_ALLOWED',
          reason: expect.any(String),
        }),
      ),
    );
    expect(refused.body).not.toContain('u:p');

    await setPrivateTargets(PRIVATE);
    try {
      const allowed = await importList();
      expect(allowed.json()).toMatchObject({ imported: 5, merged: 2, invalidCount: 0 });
    } finally {
      await setPrivateTargets([]);
    }
  });
});

describe('an import from a URL, with private targets off', () => {
  for (const [label, url] of [
    ['127.0.0.1', () => `${site.url}/list.txt`],
    ['a name that resolves to loopback', () => 'http://lists.test/list.txt'],
    ['[::1]', () => 'http://[::1]/list.txt'],
  ] as const) {
    it(`refuses a list on ${label} with TARGET_NOT_ALLOWED naming url, and imports nothing`, async () => {
      const before = await api({ method: 'GET', url: '/api/v1/proxies' });
      const response = await api({ method: 'POST', url: '/api/v1/proxies/import', payload: { url: url() } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });
      const after = await api({ method: 'GET', url: '/api/v1/proxies' });
      expect(after.json().total).toBe(before.json().total);
    });
  }
  it('never fetched the list', () => {
    expect(site.hits.get('/list.txt')).toBeUndefined();
  });
});
