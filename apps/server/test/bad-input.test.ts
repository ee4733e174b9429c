import type { ErrorResponse } from '@fleetwright/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

const session = { name: 'shop', startUrl: 'http://127.0.0.1:9/', autoStart: false };

/** The body as JSON text: JSON.stringify escapes a lone surrogate as `\ud800`, as clients send it. */
function json(method: 'POST' | 'PATCH', url: string, body: unknown) {
  return { method, url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
}

async function countRows(table: string): Promise<number> {
  const { rows } = await testApp.testDatabase.database.pool.query<{ count: string }>(
    `SELECT count(*) FROM ${table}`,
  );
  return Number(rows[0]!.count);
}

describe('issue 9: text PostgreSQL cannot store and dates outside its range are a 400 naming the field', () => {
  it.each([
    ['NUL in a session name', json('POST', '/api/v1/sessions', { ...session, name: 'a\u0000b' }), 'name'],
    [
      'a lone surrogate in a session name',
      json('POST', '/api/v1/sessions', { ...session, name: 'a\ud800b' }),
      'name',
    ],
    [
      'a lone surrogate in a header value (stored as JSONB)',
      json('POST', '/api/v1/sessions', { ...session, headers: { 'x-foo': 'a\udc00' } }),
      'headers.x-foo',
    ],
    [
      'NUL in the script source',
      json('POST', '/api/v1/sessions', {
        ...session,
        script: { source: '1\u0000', intervalMin: 1, intervalMax: 2 },
      }),
      'script.source',
    ],
    [
      'NUL in the start URL',
      json('POST', '/api/v1/sessions', { ...session, startUrl: 'http://127.0.0.1:9/\u0000' }),
      'startUrl',
    ],
    ['NUL in a tag', json('POST', '/api/v1/sessions', { ...session, tags: ['ok', 'a\u0000'] }), 'tags.1'],
    ['NUL in an API key name', json('POST', '/api/v1/api-keys', { name: 'k\u0000' }), 'name'],
    ['NUL in an organization name', json('PATCH', '/api/v1/organization', { name: 'acme\u0000' }), 'name'],
    [
      'a lone surrogate in an organization name',
      json('PATCH', '/api/v1/organization', { name: 'acme\ud83d' }),
      'name',
    ],
    [
      'NUL in a sign-up name (better-auth reads the raw body)',
      json('POST', '/api/auth/sign-up/email', {
        name: 'a\u0000',
        email: 'nul@example.test',
        password: 'a long enough password',
        acceptTerms: true,
      }),
      'name',
    ],
    ['NUL in the search query', { method: 'GET' as const, url: '/api/v1/sessions?search=a%00b' }, 'search'],
    ['NUL in a path parameter', { method: 'GET' as const, url: '/api/v1/sessions/a%00b' }, 'id'],
    [
      'year 0000 in a date query',
      { method: 'GET' as const, url: '/api/v1/audit-logs?since=0000-01-01T00:00:00Z' },
      'since',
    ],
    [
      'a date that is year 10000 in UTC',
      { method: 'GET' as const, url: '/api/v1/audit-logs?until=9999-12-31T23:59:59-14:00' },
      'until',
    ],
    [
      'year 99999 in a date body field',
      json('POST', '/api/v1/api-keys', { name: 'k', expiresAt: '+099999-01-01T00:00:00Z' }),
      'expiresAt',
    ],
    [
      'a date past year 9999 in a body field',
      json('POST', '/api/v1/api-keys', { name: 'k', expiresAt: '9999-12-31T23:59:59-14:00' }),
      'expiresAt',
    ],
  ])('refuses %s', async (_title, request, field) => {
    const before = {
      sessions: await countRows('sessions'),
      apiKeys: await countRows('api_keys'),
      audit: await countRows('audit_logs'),
    };
    const response = await testApp.api(request);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field });
    expect({
      sessions: await countRows('sessions'),
      apiKeys: await countRows('api_keys'),
      audit: await countRows('audit_logs'),
    }).toEqual(before);
    const { rows } = await testApp.testDatabase.database.pool.query<{ name: string }>(
      'SELECT name FROM organizations',
    );
    expect(rows.every((row) => !/[\uD800-\uDFFF\uFFFD]/u.test(row.name))).toBe(true);
  });

  it('accepts the first and last storable dates and other unicode', async () => {
    const first = await testApp.api({ url: '/api/v1/audit-logs?since=0001-01-01T00:00:00Z' });
    expect(first.statusCode, first.body).toBe(200);
    const last = await testApp.api({ url: '/api/v1/audit-logs?until=9999-12-31T23:59:59.999Z' });
    expect(last.statusCode, last.body).toBe(200);
    const created = await testApp.api(json('POST', '/api/v1/sessions', { ...session, name: 'café 🚀 日本' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<{ name: string }>().name).toBe('café 🚀 日本');
  });
});
