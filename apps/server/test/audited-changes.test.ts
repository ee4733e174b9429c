import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

const query = async <T>(sql: string, values: unknown[] = []) =>
  (await testApp.testDatabase.database.pool.query(sql, values)).rows as T[];

/** A real database refusal of every audit insert, the way a constraint or a bad value would refuse one. */
async function refuseAuditInserts(): Promise<void> {
  await query(`CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit insert refused by the test'; END $$`);
  await query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
}
async function allowAuditInserts(): Promise<void> {
  await query('DROP TRIGGER IF EXISTS test_refuse_audit ON audit_logs');
}

/** What each audited change touches, read straight from the tables. */
async function snapshot() {
  return {
    organizations: await query('SELECT name, plan, blocked_domains FROM organizations ORDER BY id'),
    apiKeys: await query('SELECT id, revoked_at FROM api_keys ORDER BY id'),
    sessions: await query('SELECT id FROM sessions ORDER BY id'),
    audit: await query('SELECT count(*)::int AS count FROM audit_logs'),
  };
}

describe('issue 9: an audited change and its audit entry commit together or not at all', () => {
  it('leaves every audited change undone when its audit entry cannot be written, and applies it once it can', async () => {
    const { api, administrator } = testApp;
    const key = await api({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'to revoke' } });
    expect(key.statusCode, key.body).toBe(201);
    const session = await api({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { name: 'to delete', startUrl: 'http://127.0.0.1:9/', autoStart: false },
    });
    expect(session.statusCode, session.body).toBe(201);
    const changes = [
      { method: 'PATCH', url: '/api/v1/organization', payload: { name: 'renamed' } },
      {
        method: 'PATCH',
        url: '/api/v1/organization',
        payload: { targetPolicy: { blockedDomains: ['blocked.example'] } },
      },
      {
        method: 'PATCH',
        url: `/api/v1/admin/organizations/${administrator.organizationId}`,
        payload: { plan: 'FREE' },
      },
      { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'new key' } },
      { method: 'DELETE', url: `/api/v1/api-keys/${key.json<{ id: string }>().id}` },
      { method: 'DELETE', url: `/api/v1/sessions/${session.json<{ id: string }>().id}` },
    ] as const;

    const before = await snapshot();
    await refuseAuditInserts();
    try {
      for (const change of changes) {
        const response = await api(change);
        // A refused audit insert is our failure, not the client's; what matters is what stays.
        expect(response.statusCode, `${change.method} ${change.url}: ${response.body}`).toBe(500);
        expect(await snapshot(), `${change.method} ${change.url}`).toEqual(before);
      }
    } finally {
      await allowAuditInserts();
    }

    for (const change of changes) {
      const response = await api(change);
      expect(response.statusCode, `${change.method} ${change.url}: ${response.body}`).toBeLessThan(300);
    }
    const after = await snapshot();
    expect(after.audit).toEqual([{ count: (before.audit[0] as { count: number }).count + changes.length }]);
    expect(after.sessions).toEqual([]);
  });
});
