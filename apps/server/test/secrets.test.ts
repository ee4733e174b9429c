import { randomUUID } from 'node:crypto';
import type { Secret } from '@fleetwright/contracts';
import { insertOrganization } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { openOrganizationSecrets, sealSecretValue } from '@fleetwright/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InjectOptions, startTestApp, type TestApp } from './support.ts';

/**
 * Issue 11, organization secrets: names readable, values write-only (never answered, logged or
 * audited), sealed at rest and bound to their row, opened for a flow run by openOrganizationSecrets,
 * names unique per organization, tenancy.
 */
let testApp: TestApp;
const api = (options: InjectOptions) => testApp.api(options);
const VALUE = 'tok_live_9f8e7d6c5b4a';
/** Every log line the app wrote, at trace level, kept here instead of printed. */
const logLines: string[] = [];

beforeAll(async () => {
  const logger = createLogger({
    name: 'secrets-test',
    level: 'trace',
    format: 'json',
    hooks: {
      streamWrite: (line: string) => {
        logLines.push(line);
        return '';
      },
    },
  });
  testApp = await startTestApp({ build: { logger } });
});
afterAll(async () => {
  await testApp?.close();
});

const organizationId = () => testApp.administrator.organizationId;
const opened = () =>
  openOrganizationSecrets(testApp.testDatabase.database.db, testApp.app.keyring, organizationId());

async function create(payload: object): Promise<Secret> {
  const response = await api({ method: 'POST', url: '/api/v1/secrets', payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function storedValue(id: string): Promise<string | undefined> {
  const { rows } = await testApp.testDatabase.database.pool.query<{ value: string }>(
    'SELECT value FROM secrets WHERE id = $1',
    [id],
  );
  return rows[0]?.value;
}

describe('a secret', () => {
  it('is created, listed, renamed, given a new value and deleted; no answer, log or audit entry holds its value', async () => {
    const secret = await create({ name: 'API_TOKEN', value: VALUE });
    expect(Object.keys(secret).sort()).toEqual(['createdAt', 'id', 'name', 'updatedAt']);
    expect(secret.name).toBe('API_TOKEN');
    // Sealed at rest, and opened for a run by name.
    expect(await storedValue(secret.id)).not.toContain(VALUE);
    expect(await opened()).toEqual({ API_TOKEN: VALUE });

    const list = await api({ method: 'GET', url: '/api/v1/secrets' });
    expect(list.json()).toEqual({ items: [secret], total: 1, page: 1, pageSize: 50 });
    const one = await api({ method: 'GET', url: `/api/v1/secrets/${secret.id}` });
    expect(one.json()).toEqual(secret);

    const renamed = await api({
      method: 'PATCH',
      url: `/api/v1/secrets/${secret.id}`,
      payload: { name: 'TOKEN' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: secret.id, name: 'TOKEN' });
    const replaced = await api({
      method: 'PATCH',
      url: `/api/v1/secrets/${secret.id}`,
      payload: { value: `${VALUE}-2` },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(await opened()).toEqual({ TOKEN: `${VALUE}-2` });

    const deleted = await api({ method: 'DELETE', url: `/api/v1/secrets/${secret.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(await opened()).toEqual({});
    expect((await api({ method: 'GET', url: `/api/v1/secrets/${secret.id}` })).json().code).toBe(
      'SECRET_NOT_FOUND',
    );

    const { rows } = await testApp.testDatabase.database.pool.query<{ action: string; details: unknown }>(
      'SELECT action, details FROM audit_logs WHERE target_id = $1 ORDER BY created_at',
      [secret.id],
    );
    expect(rows).toEqual([
      { action: 'secret.created', details: { name: 'API_TOKEN' } },
      { action: 'secret.updated', details: { before: { name: 'API_TOKEN' }, after: { name: 'TOKEN' } } },
      { action: 'secret.updated', details: { name: 'TOKEN', value: 'replaced' } },
      { action: 'secret.deleted', details: { name: 'TOKEN' } },
    ]);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(VALUE);
  });

  it('does not open when its sealed value is copied to another row', async () => {
    const first = await create({ name: 'FIRST', value: 'first-value' });
    const second = await create({ name: 'SECOND', value: 'second-value' });
    const { pool } = testApp.testDatabase.database;
    await pool.query('UPDATE secrets SET value = $1 WHERE id = $2', [await storedValue(first.id), second.id]);
    await expect(opened()).rejects.toThrow();
    // Sealed for its own row again, it opens.
    await pool.query('UPDATE secrets SET value = $1 WHERE id = $2', [
      sealSecretValue(testApp.app.keyring, second.id, 'second-value'),
      second.id,
    ]);
    expect(await opened()).toEqual({ FIRST: 'first-value', SECOND: 'second-value' });
    for (const { id } of [first, second]) await api({ method: 'DELETE', url: `/api/v1/secrets/${id}` });
  });

  it('has a name of its own in the organization: a second one is a 409', async () => {
    const first = await create({ name: 'DUPLICATE', value: 'x' });
    const second = await create({ name: 'OTHER', value: 'y' });
    const again = await api({
      method: 'POST',
      url: '/api/v1/secrets',
      payload: { name: 'DUPLICATE', value: 'z' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SECRET_ALREADY_EXISTS', field: 'name' });
    const renamed = await api({
      method: 'PATCH',
      url: `/api/v1/secrets/${second.id}`,
      payload: { name: 'DUPLICATE' },
    });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toMatchObject({ code: 'SECRET_ALREADY_EXISTS', field: 'name' });
    for (const { id } of [first, second]) await api({ method: 'DELETE', url: `/api/v1/secrets/${id}` });
  });

  it('refuses a name a flow could not write as {{secrets.NAME}}, an empty value and an empty change', async () => {
    const cases: Array<[InjectOptions, string]> = [
      [{ method: 'POST', url: '/api/v1/secrets', payload: { name: '1TOKEN', value: 'x' } }, 'name'],
      [{ method: 'POST', url: '/api/v1/secrets', payload: { name: 'API-TOKEN', value: 'x' } }, 'name'],
      [{ method: 'POST', url: '/api/v1/secrets', payload: { name: 'TOKEN', value: '' } }, 'value'],
      [{ method: 'POST', url: '/api/v1/secrets', payload: { name: 'TOKEN' } }, 'value'],
      [{ method: 'PATCH', url: `/api/v1/secrets/${randomUUID()}`, payload: {} }, 'value'],
    ];
    for (const [request, field] of cases) {
      const response = await api(request);
      expect([request.payload, response.statusCode, response.json().code, response.json().field]).toEqual([
        request.payload,
        400,
        'VALIDATION_ERROR',
        field,
      ]);
    }
    expect((await api({ method: 'GET', url: '/api/v1/secrets' })).json().total).toBe(0);
  });
});

describe('tenancy', () => {
  it("answers 404 for another organization's secret, never lists it, and never opens it for this one", async () => {
    const { db } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    const id = randomUUID();
    await testApp.testDatabase.database.pool.query(
      'INSERT INTO secrets (id, organization_id, name, value) VALUES ($1, $2, $3, $4)',
      [id, other.id, 'THEIRS', sealSecretValue(testApp.app.keyring, id, 'their-value')],
    );
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { value: 'mine now' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await api({ method, url: `/api/v1/secrets/${id}`, ...(payload ? { payload } : {}) });
      expect([method, response.statusCode, response.json().code]).toEqual([method, 404, 'SECRET_NOT_FOUND']);
    }
    const list = await api({ method: 'GET', url: '/api/v1/secrets' });
    expect(list.body).not.toContain(id);
    expect(await opened()).toEqual({});
    expect(
      await openOrganizationSecrets(testApp.testDatabase.database.db, testApp.app.keyring, other.id),
    ).toEqual({ THEIRS: 'their-value' });
  });
});
