import { randomUUID } from 'node:crypto';
import type { ErrorResponse, Instance, InstancePage, ServerEventName } from '@fleetwright/contracts';
import { columnContext, loadKeyring, openColumn, SecretDecryptError } from '@fleetwright/secrets';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import type { EventPublisher } from '../src/events.ts';
import { sealPlaintextProxyUrls } from '../src/routes/instances/proxy.ts';
import { type InjectOptions, startTestApp, type TestApp, type TestDatabase } from './support.ts';

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
  const { rows } = await testDatabase.database.pool.query<{ count: string }>(
    'SELECT count(*) FROM instances',
  );
  return Number(rows[0]!.count);
}
async function countJobs(): Promise<number> {
  const { rows } = await testDatabase.database.pool.query<{ count: string }>(
    `SELECT count(*) FROM pgboss.job WHERE name = 'instance-start'`,
  );
  return Number(rows[0]!.count);
}

async function create(body: Record<string, unknown>): Promise<Instance> {
  const response = await api({ method: 'POST', url: '/api/v1/instances', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Instance>();
}

describe('creating an instance', () => {
  it('answers 201 with a PENDING instance and queues exactly one start job a worker can fetch', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/instances',
      payload: {
        ...valid,
        tags: ['eu'],
        device: 'iPhone 13',
        script: { source: '1', intervalMin: 1, intervalMax: 2 },
      },
    });
    expect(response.statusCode).toBe(201);
    const instance = response.json<Instance>();
    expect(instance).toMatchObject({ name: 'shop', status: 'PENDING', tags: ['eu'], device: 'iPhone 13' });
    const { rows } = await testDatabase.database.pool.query('SELECT status FROM instances WHERE id = $1', [
      instance.id,
    ]);
    expect(rows).toEqual([{ status: 'PENDING' }]);

    const jobs = await testDatabase.boss.fetch<{ instanceId: string; reason: string }>('instance-start', {
      batchSize: 10,
    });
    expect(jobs.map((job) => job.data)).toEqual([
      expect.objectContaining({ instanceId: instance.id, reason: 'start' }),
    ]);
    await testDatabase.boss.complete(
      'instance-start',
      jobs.map((job) => job.id),
    );
    expect(published.map((event) => event.name)).toEqual(['instance.created']);
  });

  it('creates a STOPPED instance without a job when autoStart is false', async () => {
    const jobsBefore = await countJobs();
    const instance = await create({ ...valid, autoStart: false });
    expect(instance.status).toBe('STOPPED');
    expect(await countJobs()).toBe(jobsBefore);
  });

  it('never answers the proxy password, and stores the proxy URL encrypted', async () => {
    const instance = await create({
      ...valid,
      autoStart: false,
      proxyUrl: 'http://alice:s3cret@127.0.0.1:8080',
    });
    expect(instance.proxyUrl).toBe('http://alice:***@127.0.0.1:8080');
    const fetched = await api({ method: 'GET', url: `/api/v1/instances/${instance.id}` });
    expect(fetched.body).not.toContain('s3cret');
    const { rows } = await testDatabase.database.pool.query('SELECT * FROM instances WHERE id = $1', [
      instance.id,
    ]);
    expect(JSON.stringify(rows[0])).not.toContain('s3cret');
    expect(rows[0].proxy_url).toMatch(/^fw1:local:/);
    // Bound to its row: the ciphertext copied to another instance does not decrypt there.
    const keyring = loadKeyring(testDatabase.config);
    const context = (id: string) => columnContext('instances', 'proxy_url', id);
    expect(openColumn(keyring, rows[0].proxy_url, context(instance.id))).toBe(
      'http://alice:s3cret@127.0.0.1:8080',
    );
    expect(() => openColumn(keyring, rows[0].proxy_url, context(randomUUID()))).toThrow(SecretDecryptError);
  });

  it('encrypts, at start, proxy URLs stored before encryption existed', async () => {
    const instance = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      "UPDATE instances SET proxy_url = 'http://carol:plain@127.0.0.1:3128' WHERE id = $1",
      [instance.id],
    );
    expect(await sealPlaintextProxyUrls(testDatabase.database.db, app.keyring)).toBe(1);
    const stored = await testDatabase.database.pool.query('SELECT proxy_url FROM instances WHERE id = $1', [
      instance.id,
    ]);
    expect(stored.rows[0].proxy_url).toMatch(/^fw1:/);
    expect(await sealPlaintextProxyUrls(testDatabase.database.db, app.keyring)).toBe(0);
  });

  it('encrypts a proxy URL changed later, and clears it', async () => {
    const instance = await create({ ...valid, autoStart: false });
    const patched = await api({
      method: 'PATCH',
      url: `/api/v1/instances/${instance.id}`,
      payload: { proxyUrl: 'http://bob:hunter22@127.0.0.1:3128' },
    });
    expect(patched.json().proxyUrl).toBe('http://bob:***@127.0.0.1:3128');
    const stored = await testDatabase.database.pool.query('SELECT proxy_url FROM instances WHERE id = $1', [
      instance.id,
    ]);
    expect(stored.rows[0].proxy_url).not.toContain('hunter22');
    const cleared = await api({
      method: 'PATCH',
      url: `/api/v1/instances/${instance.id}`,
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
    ['an unknown field', { ...valid, stealth: true }, 400, 'VALIDATION_ERROR', 'stealth'],
    [
      'a bad viewport',
      { ...valid, viewport: { width: 10, height: 800 } },
      400,
      'VALIDATION_ERROR',
      'viewport.width',
    ],
  ])('refuses %s', async (_title, body, status, code, field) => {
    const [rowsBefore, jobsBefore] = [await countRows(), await countJobs()];
    const response = await api({ method: 'POST', url: '/api/v1/instances', payload: body });
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
      url: '/api/v1/instances',
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
      url: '/api/v1/instances',
      payload: { ...valid, name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<ErrorResponse>().code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a body that is not JSON with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/instances',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=shop',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json<ErrorResponse>().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 INSTANCE_NOT_FOUND for an unknown id', async () => {
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
        url: `/api/v1/instances/00000000-0000-4000-8000-000000000000${url}`,
        ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
      });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json<ErrorResponse>().code).toBe('INSTANCE_NOT_FOUND');
    }
  });

  it('answers 400 naming the id for a malformed one', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/instances/nope/evaluate',
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
});

describe('listing instances', () => {
  let listed: Instance[];
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
    const first = (await api({ url: '/api/v1/instances?search=list-&pageSize=2' })).json<InstancePage>();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((item) => item.name)).toEqual(['list-3-Widget', 'list-2-Widget']);
    const second = (
      await api({ url: '/api/v1/instances?search=list-&pageSize=2&page=2' })
    ).json<InstancePage>();
    expect(second.items.map((item) => item.name)).toEqual(['list-1-Widget']);
  });

  it('filters by tag and status and searches names case-insensitively', async () => {
    const byTag = (await api({ url: '/api/v1/instances?tag=alpha' })).json<InstancePage>();
    expect(byTag.items.map((item) => item.id).sort()).toEqual([listed[0]!.id, listed[1]!.id].sort());
    const stopped = (
      await api({ url: '/api/v1/instances?status=STOPPED&search=widget' })
    ).json<InstancePage>();
    expect(stopped.items.map((item) => item.id)).toEqual([listed[2]!.id]);
  });

  it('refuses a page size above the limit, naming it', async () => {
    const response = await api({ url: '/api/v1/instances?pageSize=5000' });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>().field).toBe('pageSize');
  });
});

describe('changing settings', () => {
  it('patches settings and emits instance.updated', async () => {
    const instance = await create({ ...valid, autoStart: false });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/instances/${instance.id}`,
      payload: { name: 'renamed', tags: ['x'], device: 'Pixel 7' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Instance>()).toMatchObject({ name: 'renamed', tags: ['x'], device: 'Pixel 7' });
    expect(published.map((event) => event.name)).toContain('instance.updated');
  });

  it('refuses an unknown device on patch and keeps the row as it was', async () => {
    const instance = await create({ ...valid, autoStart: false, device: 'Pixel 7' });
    const response = await api({
      method: 'PATCH',
      url: `/api/v1/instances/${instance.id}`,
      payload: { device: 'Nokia 3310', name: 'changed' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'UNKNOWN_DEVICE', field: 'device' });
    const after = (await api({ url: `/api/v1/instances/${instance.id}` })).json<Instance>();
    expect(after).toMatchObject({ name: instance.name, device: 'Pixel 7' });
  });
});

describe('logs and metrics', () => {
  it('pages logs newest first, filtered by level and time', async () => {
    const instance = await create({ ...valid, autoStart: false });
    const { pool } = testDatabase.database;
    await pool.query(
      `INSERT INTO instance_logs (instance_id, organization_id, level, source, message, at) VALUES
        ($1, $2, 'info', 'console', 'old', now() - interval '1 hour'),
        ($1, $2, 'warn', 'console', 'warned', now() - interval '1 minute'),
        ($1, $2, 'error', 'pageerror', 'broke', now())`,
      [instance.id, instance.organizationId],
    );
    const all = await api({ url: `/api/v1/instances/${instance.id}/logs` });
    expect(all.json<{ items: { message: string }[] }>().items.map((line) => line.message)).toEqual([
      'broke',
      'warned',
      'old',
    ]);
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    const warnings = await api({
      url: `/api/v1/instances/${instance.id}/logs?level=warn&since=${encodeURIComponent(since)}&pageSize=1`,
    });
    expect(warnings.json()).toMatchObject({
      total: 2,
      pageSize: 1,
      items: [{ message: 'broke', level: 'error' }],
    });
  });

  it('lists metric samples in a time range', async () => {
    const instance = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      `INSERT INTO instance_metrics (instance_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes)
       VALUES ($1, 'raw', now() - interval '2 hours', 1, 100, 10, 0, 0), ($1, 'raw', now(), 2.5, 200, 20, 5, 6)`,
      [instance.id],
    );
    const from = new Date(Date.now() - 60 * 60_000).toISOString();
    const response = await api({
      url: `/api/v1/instances/${instance.id}/metrics?from=${encodeURIComponent(from)}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: [{ cpuPercent: 2.5, rssBytes: 200, netOutBytes: 6 }] });
    const bad = await api({ url: `/api/v1/instances/${instance.id}/metrics?from=yesterday` });
    expect(bad.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'from' });
  });
});
