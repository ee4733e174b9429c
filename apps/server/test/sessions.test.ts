import { randomUUID } from 'node:crypto';
import type { ErrorResponse, ServerEventName, Session, SessionPage } from '@fleetwright/contracts';
import { columnContext, loadKeyring, openColumn, SecretDecryptError, sealColumn } from '@fleetwright/secrets';
import type { TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import type { EventPublisher } from '../src/realtime/events.ts';
import { sealStoredProxyUrls } from '../src/sessions/proxy.ts';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

let testDatabase: TestDatabase;
let app: App;
let testApp: TestApp;
/** app.inject as the administrator's API key. */
const api = (options: InjectOptions) => testApp.api(options);
const published: { to: string[]; name: ServerEventName; payload: unknown }[] = [];
const recorder: EventPublisher = { publish: (to, name, payload) => published.push({ to, name, payload }) };

beforeAll(async () => {
  testApp = await startTestApp({
    build: {
      events: recorder,
    },
  });
  ({ testDatabase, app } = testApp);
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => {
  published.length = 0;
});

const valid = { name: 'shop', startUrl: 'http://127.0.0.1:9/' };

async function countRows(): Promise<number> {
  const { rows } = await testDatabase.database.pool.query<{ count: string }>('SELECT count(*) FROM sessions');
  return Number(rows[0]!.count);
}
async function countJobs(): Promise<number> {
  const { rows } = await testDatabase.database.pool.query<{ count: string }>(
    `SELECT count(*) FROM pgboss.job WHERE name = 'session-start'`,
  );
  return Number(rows[0]!.count);
}

async function create(body: Record<string, unknown>): Promise<Session> {
  const response = await api({ method: 'POST', url: '/api/v1/sessions', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Session>();
}

describe('creating a session', () => {
  it('answers 201 with a PENDING session and queues exactly one start job a worker can fetch', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: {
        ...valid,
        tags: ['eu'],
        device: 'iPhone 13',
        script: { source: '1', intervalMin: 1, intervalMax: 2 },
      },
    });
    expect(response.statusCode).toBe(201);
    const session = response.json<Session>();
    expect(session).toMatchObject({ name: 'shop', status: 'PENDING', tags: ['eu'], device: 'iPhone 13' });
    const { rows } = await testDatabase.database.pool.query('SELECT status FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(rows).toEqual([{ status: 'PENDING' }]);

    const jobs = await testDatabase.boss.fetch<{ sessionId: string; reason: string }>('session-start', {
      batchSize: 10,
    });
    expect(jobs.map((job) => job.data)).toEqual([
      expect.objectContaining({ sessionId: session.id, reason: 'start' }),
    ]);
    await testDatabase.boss.complete(
      'session-start',
      jobs.map((job) => job.id),
    );
    expect(published.map((event) => event.name)).toEqual(['session.created']);
  });

  it('creates a STOPPED session without a job when autoStart is false', async () => {
    const jobsBefore = await countJobs();
    const session = await create({ ...valid, autoStart: false });
    expect(session.status).toBe('STOPPED');
    expect(await countJobs()).toBe(jobsBefore);
  });

  it('never answers the proxy password, and stores the proxy URL encrypted', async () => {
    const session = await create({
      ...valid,
      autoStart: false,
      proxyUrl: 'http://alice:s3cret@127.0.0.1:8080',
    });
    expect(session.proxyUrl).toBe('http://alice:***@127.0.0.1:8080');
    const fetched = await api({ method: 'GET', url: `/api/v1/sessions/${session.id}` });
    expect(fetched.body).not.toContain('s3cret');
    const { rows } = await testDatabase.database.pool.query('SELECT * FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(JSON.stringify(rows[0])).not.toContain('s3cret');
    expect(rows[0].proxy_url).toMatch(/^fw1:local:/);
    // Bound to its row: the ciphertext copied to another session does not decrypt there.
    const keyring = loadKeyring(testDatabase.config);
    const context = (id: string) => columnContext('sessions', 'proxy_url', id);
    expect(openColumn(keyring, rows[0].proxy_url, context(session.id))).toBe(
      'http://alice:s3cret@127.0.0.1:8080',
    );
    expect(() => openColumn(keyring, rows[0].proxy_url, context(randomUUID()))).toThrow(SecretDecryptError);
  });

  it('encrypts, at start, proxy URLs stored before encryption existed', async () => {
    const session = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      "UPDATE sessions SET proxy_url = 'http://carol:plain@127.0.0.1:3128' WHERE id = $1",
      [session.id],
    );
    expect(await sealStoredProxyUrls(testDatabase.database.db, app.keyring)).toBe(1);
    const stored = await testDatabase.database.pool.query('SELECT proxy_url FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(stored.rows[0].proxy_url).toMatch(/^fw1:/);
    expect(await sealStoredProxyUrls(testDatabase.database.db, app.keyring)).toBe(0);
  });

  it('seals again, at start, proxy URLs sealed under the table name before migration 0007', async () => {
    const session = await create({ ...valid, autoStart: false });
    const keyring = loadKeyring(testDatabase.config);
    const former = sealColumn(keyring, 'http://dave:old@127.0.0.1:3128', `instances.proxy_url:${session.id}`);
    await testDatabase.database.pool.query('UPDATE sessions SET proxy_url = $2 WHERE id = $1', [
      session.id,
      former,
    ]);
    expect(await sealStoredProxyUrls(testDatabase.database.db, app.keyring)).toBe(1);
    const stored = await testDatabase.database.pool.query('SELECT proxy_url FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(
      openColumn(keyring, stored.rows[0].proxy_url, columnContext('sessions', 'proxy_url', session.id)),
    ).toBe('http://dave:old@127.0.0.1:3128');
    expect(await sealStoredProxyUrls(testDatabase.database.db, app.keyring)).toBe(0);
  });

  it('encrypts a proxy URL changed later, and clears it', async () => {
    const session = await create({ ...valid, autoStart: false });
    const patched = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { proxyUrl: 'http://bob:hunter22@127.0.0.1:3128' },
    });
    expect(patched.json().proxyUrl).toBe('http://bob:***@127.0.0.1:3128');
    const stored = await testDatabase.database.pool.query('SELECT proxy_url FROM sessions WHERE id = $1', [
      session.id,
    ]);
    expect(stored.rows[0].proxy_url).not.toContain('hunter22');
    const cleared = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { proxyUrl: null },
    });
    expect(cleared.json().proxyUrl).toBeNull();
  });
});

describe('bad input gets a 4xx naming the field and writes nothing', () => {
  it.each([
    ['an invalid URL', { ...valid, startUrl: 'not a url' }, 400, 'VALIDATION_ERROR', 'startUrl'],
    ['a javascript: URL', { ...valid, startUrl: 'javascript:alert(1)' }, 400, 'VALIDATION_ERROR', 'startUrl'],
    ['a missing name', { startUrl: valid.startUrl }, 400, 'VALIDATION_ERROR', 'name'],
    ['an unknown device', { ...valid, device: 'Nokia 3310' }, 400, 'UNKNOWN_DEVICE', 'device'],
    [
      'a min interval above the max',
      { ...valid, script: { source: '1', intervalMin: 10, intervalMax: 5 } },
      400,
      'VALIDATION_ERROR',
      'script.intervalMin',
    ],
    [
      'an oversized script',
      { ...valid, script: { source: 'x'.repeat(100_001), intervalMin: 1, intervalMax: 2 } },
      400,
      'VALIDATION_ERROR',
      'script.source',
    ],
    [
      'a proxy URL without a port',
      { ...valid, proxyUrl: 'http://127.0.0.1' },
      400,
      'VALIDATION_ERROR',
      'proxyUrl',
    ],
    // Issue 10: with private targets allowed there is no egress guard to authenticate for Chromium.
    [
      'a SOCKS proxy with credentials and no egress guard',
      { ...valid, proxyUrl: 'socks5://user:pass@127.0.0.1:1080' },
      400,
      'VALIDATION_ERROR',
      'proxyUrl',
    ],
    ['an unknown field', { ...valid, stealth: true }, 400, 'VALIDATION_ERROR', 'stealth'],
    // Issue 9: accepted before, then every start failed.
    [
      'a Host header',
      { ...valid, headers: { Host: 'example.test' } },
      400,
      'VALIDATION_ERROR',
      'headers.Host',
    ],
    [
      'a hop-by-hop header',
      { ...valid, headers: { 'transfer-encoding': 'chunked' } },
      400,
      'VALIDATION_ERROR',
      'headers.transfer-encoding',
    ],
    [
      'a line break in a header value',
      { ...valid, headers: { 'x-team': 'qa\r\nx-injected: 1' } },
      400,
      'VALIDATION_ERROR',
      'headers.x-team',
    ],
    [
      'a line break in the user agent',
      { ...valid, userAgent: 'Bot/1\nX: y' },
      400,
      'VALIDATION_ERROR',
      'userAgent',
    ],
    [
      'a bad viewport',
      { ...valid, viewport: { width: 10, height: 800 } },
      400,
      'VALIDATION_ERROR',
      'viewport.width',
    ],
  ])('refuses %s', async (_title, body, status, code, field) => {
    const [rowsBefore, jobsBefore] = [await countRows(), await countJobs()];
    const response = await api({ method: 'POST', url: '/api/v1/sessions', payload: body });
    expect(response.statusCode).toBe(status);
    const error = response.json<ErrorResponse>();
    expect(error).toMatchObject({ code, field });
    expect(error.message).toContain(field.split('.').at(-1));
    expect(await countRows()).toBe(rowsBefore);
    expect(await countJobs()).toBe(jobsBefore);
    expect(published).toEqual([]);
  });

  it('refuses malformed JSON with INVALID_JSON', async () => {
    const rowsBefore = await countRows();
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().code).toBe('INVALID_JSON');
    expect(await countRows()).toBe(rowsBefore);
  });

  it('refuses a body over the size limit with BODY_TOO_LARGE', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { ...valid, name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorResponse>().code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a body that is not JSON with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=shop',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 SESSION_NOT_FOUND for an unknown id', async () => {
    for (const [method, url] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/start'],
      ['POST', '/stop'],
      ['GET', '/logs'],
    ] as const) {
      const response = await api({
        method,
        url: `/api/v1/sessions/00000000-0000-4000-8000-000000000000${url}`,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<ErrorResponse>().code).toBe('SESSION_NOT_FOUND');
    }
  });

  it('answers 400 naming the id for a malformed one', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/nope/evaluate',
      payload: { expression: '1' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'id' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await api({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('answers 404 on the paths sessions had before they were called sessions', async () => {
    const session = await create({ ...valid, autoStart: false });
    for (const [method, url] of [
      ['GET', '/api/v1/instances'],
      ['POST', '/api/v1/instances'],
      ['GET', `/api/v1/instances/${session.id}`],
      ['POST', `/api/v1/instances/${session.id}/start`],
      ['POST', '/api/v1/instances/batch/stop'],
    ] as const) {
      const response = await api({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<ErrorResponse>()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
  });
});

describe('listing sessions', () => {
  let listed: Session[];
  beforeAll(async () => {
    listed = [];
    for (const [n, tag] of [
      [1, 'alpha'],
      [2, 'alpha'],
      [3, 'beta'],
    ] as const) {
      listed.push(
        await create({ name: `list-${n}-Widget`, startUrl: valid.startUrl, tags: [tag], autoStart: n !== 3 }),
      );
    }
  });

  it('pages newest first', async () => {
    const first = (await api({ url: '/api/v1/sessions?search=list-&pageSize=2' })).json<SessionPage>();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((item) => item.name)).toEqual(['list-3-Widget', 'list-2-Widget']);
    const second = (
      await api({ url: '/api/v1/sessions?search=list-&pageSize=2&page=2' })
    ).json<SessionPage>();
    expect(second.items.map((item) => item.name)).toEqual(['list-1-Widget']);
  });

  it('filters by tag and status and searches names case-insensitively', async () => {
    const byTag = (await api({ url: '/api/v1/sessions?tag=alpha' })).json<SessionPage>();
    expect(byTag.items.map((item) => item.id).sort()).toEqual([listed[0]!.id, listed[1]!.id].sort());
    const stopped = (await api({ url: '/api/v1/sessions?status=STOPPED&search=widget' })).json<SessionPage>();
    expect(stopped.items.map((item) => item.id)).toEqual([listed[2]!.id]);
  });

  it('refuses a page size above the limit, naming it', async () => {
    const response = await api({ url: '/api/v1/sessions?pageSize=5000' });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().field).toBe('pageSize');
  });
});

describe('changing settings', () => {
  it('patches settings and emits session.updated', async () => {
    const session = await create({ ...valid, autoStart: false });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { name: 'renamed', tags: ['x'], device: 'Pixel 7' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ name: 'renamed', tags: ['x'], device: 'Pixel 7' });
    expect(published.map((event) => event.name)).toContain('session.updated');
  });

  it('refuses an unknown device on patch and keeps the row as it was', async () => {
    const session = await create({ ...valid, autoStart: false, device: 'Pixel 7' });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/sessions/${session.id}`,
      payload: { device: 'Nokia 3310', name: 'changed' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'UNKNOWN_DEVICE', field: 'device' });
    const after = (await api({ url: `/api/v1/sessions/${session.id}` })).json<Session>();
    expect(after).toMatchObject({ name: session.name, device: 'Pixel 7' });
  });

  it('refuses a forbidden header or a line break in a header on patch, naming it, and keeps the row', async () => {
    const session = await create({ ...valid, autoStart: false, headers: { 'x-team': 'qa' } });
    for (const [headers, field] of [
      [{ host: 'example.test' }, 'headers.host'],
      [{ 'Sec-Fetch-Site': 'none' }, 'headers.Sec-Fetch-Site'],
      [{ 'x-team': 'qa\u0000' }, 'headers.x-team'],
    ] as const) {
      const response = await api({
        method: 'PATCH',
        url: `/api/v1/sessions/${session.id}`,
        payload: { headers, name: 'changed' },
      });
      expect(response.statusCode, field).toBe(400);
      expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field });
    }
    const after = (await api({ url: `/api/v1/sessions/${session.id}` })).json<Session>();
    expect(after).toMatchObject({ name: session.name, headers: { 'x-team': 'qa' } });
  });
});

describe('logs and metrics', () => {
  it('pages logs newest first, filtered by level and time', async () => {
    const session = await create({ ...valid, autoStart: false });
    const { pool } = testDatabase.database;
    await pool.query(
      `INSERT INTO session_logs (session_id, organization_id, level, source, message, at) VALUES
        ($1, $2, 'info', 'console', 'old', now() - interval '1 hour'),
        ($1, $2, 'warn', 'console', 'warned', now() - interval '1 minute'),
        ($1, $2, 'error', 'pageerror', 'broke', now())`,
      [session.id, session.organizationId],
    );
    const all = await api({ url: `/api/v1/sessions/${session.id}/logs` });
    expect(all.json<{ items: { message: string }[] }>().items.map((line) => line.message)).toEqual([
      'broke',
      'warned',
      'old',
    ]);
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    const warnings = await api({
      url: `/api/v1/sessions/${session.id}/logs?level=warn&since=${encodeURIComponent(since)}&pageSize=1`,
    });
    expect(warnings.json()).toMatchObject({
      total: 2,
      pageSize: 1,
      items: [{ message: 'broke', level: 'error' }],
    });
  });

  it('lists metric samples in a time range', async () => {
    const session = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      `INSERT INTO session_metrics (session_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes)
       VALUES ($1, 'raw', now() - interval '2 hours', 1, 100, 10, 0, 0), ($1, 'raw', now(), 2.5, 200, 20, 5, 6)`,
      [session.id],
    );
    const from = new Date(Date.now() - 60 * 60_000).toISOString();
    const response = await api({
      url: `/api/v1/sessions/${session.id}/metrics?from=${encodeURIComponent(from)}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: [{ cpuPercent: 2.5, rssBytes: 200, netOutBytes: 6 }] });
    const bad = await api({ url: `/api/v1/sessions/${session.id}/metrics?from=yesterday` });
    expect(bad.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'from' });
  });
});
