import { randomUUID } from 'node:crypto';
import { insertOrganization } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support.ts';

/** Issue 10, the dashboard's map of exits: GET /proxies/countries counts the pool per country and status. */
let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp?.close();
});

async function insertProxy(organizationId: string, host: string, country: string | null, status: string) {
  await testApp.testDatabase.database.pool.query(
    `INSERT INTO proxies (id, organization_id, protocol, host, port, country, status)
     VALUES ($1, $2, 'http', $3, 8080, $4, $5)`,
    [randomUUID(), organizationId, host, country, status],
  );
}

describe('the pool per exit country', () => {
  it('counts proxies per country and status, unlocated ones under null, most first, only its own', async () => {
    const own = testApp.administrator.organizationId;
    await insertProxy(own, 'de1.pool.test', 'DE', 'HEALTHY');
    await insertProxy(own, 'de2.pool.test', 'DE', 'HEALTHY');
    await insertProxy(own, 'de3.pool.test', 'DE', 'DOWN');
    await insertProxy(own, 'us1.pool.test', 'US', 'DEGRADED');
    await insertProxy(own, 'new.pool.test', null, 'UNCHECKED');
    const { db } = testApp.testDatabase.database;
    const other = await insertOrganization(db, { name: 'Elsewhere', slug: `elsewhere-${randomUUID()}` });
    await insertProxy(other.id, 'fr1.pool.test', 'FR', 'HEALTHY');
    await insertProxy(other.id, 'de9.pool.test', 'DE', 'HEALTHY');

    const response = await testApp.api({ method: 'GET', url: '/api/v1/proxies/countries' });
    expect(response.statusCode, response.body).toBe(200);
    const none = { UNCHECKED: 0, HEALTHY: 0, DEGRADED: 0, DOWN: 0, BLACKLISTED: 0 };
    expect(response.json()).toEqual({
      items: [
        { country: 'DE', total: 3, statuses: { ...none, HEALTHY: 2, DOWN: 1 } },
        { country: 'US', total: 1, statuses: { ...none, DEGRADED: 1 } },
        { country: null, total: 1, statuses: { ...none, UNCHECKED: 1 } },
      ],
    });
  });
});
