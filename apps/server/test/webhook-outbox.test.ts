import { toStatusEvent } from '@fleetwright/contracts';
import { insertSession } from '@fleetwright/db';
import { SessionEvents } from '@fleetwright/events';
import { WebhookOutbox } from '@fleetwright/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testLogger } from './support.ts';

/**
 * Issue 11: events a worker publishes (SessionEvents, the worker's one way out) become webhook
 * deliveries through the outbox, like the server's own.
 */

let testApp: TestApp;
let outbox: WebhookOutbox;

beforeAll(async () => {
  testApp = await startTestApp();
  const { database, boss } = testApp.testDatabase;
  outbox = new WebhookOutbox({
    db: database.db,
    pool: database.pool,
    boss,
    retry: { limit: 0, delaySeconds: 1 },
  });
});

afterAll(async () => {
  await outbox?.close();
  await testApp?.close();
});

const deliveries = async () =>
  (
    await testApp.testDatabase.database.pool.query<{
      webhook_id: string;
      event: string;
      data: { status: string };
    }>('SELECT webhook_id, event, data FROM webhook_deliveries ORDER BY created_at')
  ).rows;

describe('the webhook outbox behind a worker', () => {
  it('makes a delivery and a queue job for each subscribed webhook of a status change a transition sent itself', async () => {
    const { database, boss } = testApp.testDatabase;
    const organizationId = testApp.administrator.organizationId;
    const created = await testApp.api({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: 'http://127.0.0.1:9/started', events: ['session.started', 'session.stopped'] },
    });
    const webhookId = created.json().id;
    const events = new SessionEvents(database.pool, testLogger(), outbox);
    const session = await insertSession(database.db, {
      organizationId,
      name: 'from a worker',
      status: 'RUNNING',
      startUrl: 'http://127.0.0.1:9/',
    });
    events.statusSent(toStatusEvent({ ...session, workerId: null }, 'STARTING', null));
    await outbox.flush();

    const rows = await deliveries();
    // session.status is not in the catalogue, session.created was published by no one here.
    expect(rows.map((row) => [row.webhook_id, row.event, row.data.status])).toEqual([
      [webhookId, 'session.started', 'RUNNING'],
    ]);
    const jobs = await boss.findJobs('webhook-delivery', { queued: true });
    expect(jobs.map((job) => job.data)).toContainEqual({ deliveryId: expect.any(String), organizationId });
  });

  it('makes nothing for an organization without webhooks', async () => {
    const before = (await deliveries()).length;
    outbox.offer('8c0f1f5e-3a3e-4c4e-9d55-1f2a3b4c5d6e', 'session.started', {});
    await outbox.flush();
    expect(await deliveries()).toHaveLength(before);
  });
});
