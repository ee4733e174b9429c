import { randomUUID } from 'node:crypto';
import type { ErrorResponse } from '@fleetwright/contracts';
import type { TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import {
  deadAddress,
  type InjectOptions,
  insertWorker,
  startTestApp,
  type TestApp,
  testLogger,
} from './support.ts';

let testDatabase: TestDatabase;
let app: App;
let testApp: TestApp;
/** app.inject as the administrator's API key. */
const api = (options: InjectOptions) => testApp.api(options);

beforeAll(async () => {
  testApp = await startTestApp();
  ({ testDatabase, app } = testApp);
});
afterAll(async () => {
  await testApp?.close();
});

describe('health', () => {
  it('is alive as soon as it serves HTTP', async () => {
    const response = await api({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('is not ready without a live worker, and says which check failed', async () => {
    const silent = randomUUID();
    await insertWorker(testDatabase.database, {
      id: silent,
      address: await deadAddress(),
      heartbeatSecondsAgo: 120,
    });
    const response = await api({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ ready: false, checks: { database: 'ok', workers: 'none' } });
  });

  it('is ready once a worker heartbeats', async () => {
    await insertWorker(testDatabase.database, { id: randomUUID(), address: await deadAddress() });
    const response = await api({ url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ready: true, checks: { database: 'ok', workers: 'ok' } });
  });
});

describe('workers and devices', () => {
  it('lists workers as ONLINE or OFFLINE by heartbeat age, with their active sessions', async () => {
    const response = await api({ url: '/api/v1/workers' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: { status: string; activeSessions: number }[] }>();
    expect(items.map((worker) => worker.status).sort()).toEqual(['OFFLINE', 'ONLINE']);
    expect(items.every((worker) => worker.activeSessions === 0)).toBe(true);
  });

  it("lists Playwright's device presets", async () => {
    const response = await api({ url: '/api/v1/devices' });
    const { items } = response.json<{ items: { name: string; isMobile: boolean }[] }>();
    expect(items.find((device) => device.name === 'iPhone 13')).toMatchObject({ isMobile: true });
  });
});

describe('OpenAPI and the rest of the surface', () => {
  it('documents the session routes at /api/docs/json', async () => {
    const response = await api({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sessions',
        '/api/v1/sessions/{id}',
        '/api/v1/sessions/{id}/start',
        '/api/v1/sessions/{id}/evaluate',
        '/api/v1/sessions/{id}/screenshot',
        '/api/v1/sessions/batch/stop',
        '/api/v1/workers',
        '/readyz',
      ]),
    );
    const create = document.paths['/api/v1/sessions']!.post as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    };
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toContain(
      'startUrl',
    );
    expect(Object.keys(document.paths).some((path) => path.startsWith('/api/docs'))).toBe(false);
  });

  it('serves the Swagger UI at /api/docs', async () => {
    const response = await api({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/html/);
  });

  it('answers / with a hint when no dashboard is served', async () => {
    const response = await api({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ api: '/api/v1', docs: '/api/docs' });
  });

  it('answers other paths with a JSON 404 when no dashboard is served', async () => {
    const response = await api({ url: '/sessions/abc' });
    expect(response.statusCode).toBe(404);
    expect(response.json<ErrorResponse>().code).toBe('ROUTE_NOT_FOUND');
  });

  it('sends baseline security headers', async () => {
    const response = await api({ url: '/api/v1/devices' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
});

describe('a dashboard handler', () => {
  it('gets every page request but never the API', async () => {
    const seen: string[] = [];
    const policies: string[] = [];
    const withDashboard = await buildApp({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      config: testDatabase.config,
      logger: testLogger(),
      dashboard: async (request, response) => {
        seen.push(request.url ?? '');
        policies.push(String(request.headers['content-security-policy']));
        response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>dashboard</h1>');
      },
    });
    try {
      const page = await withDashboard.inject({ url: '/sessions/abc?tab=logs' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toBe('<h1>dashboard</h1>');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect((await withDashboard.inject({ url: '/' })).body).toBe('<h1>dashboard</h1>');
      const api = await withDashboard.inject({ url: '/api/v1/unknown' });
      expect(api.statusCode).toBe(404);
      expect(api.json<ErrorResponse>().code).toBe('ROUTE_NOT_FOUND');
      expect((await withDashboard.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect(seen).toEqual(['/sessions/abc?tab=logs', '/']);
      // A CSP with a fresh nonce per page, handed to Next in the request so its inline scripts carry it.
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policies[0]).toBe(policy);
      expect(policies[1]).not.toBe(policy);
      expect(page.headers['x-frame-options']).toBe('DENY');
    } finally {
      await withDashboard.close();
    }
  });
});

describe('CORS', () => {
  it('is closed: a foreign origin gets no Access-Control-Allow-Origin', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/sessions',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await api({ url: '/api/v1/sessions', headers: { origin: 'https://elsewhere.example' } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens to the origins listed in CORS_ORIGINS, with credentials', async () => {
    const open = await buildApp({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      config: { ...testDatabase.config, CORS_ORIGINS: 'https://tools.example.com' },
      logger: testLogger(),
    });
    try {
      const preflight = await open.inject({
        method: 'OPTIONS',
        url: '/api/v1/sessions',
        headers: { origin: 'https://tools.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://tools.example.com');
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      const other = await open.inject({
        method: 'OPTIONS',
        url: '/api/v1/sessions',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
