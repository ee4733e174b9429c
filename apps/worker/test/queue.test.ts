import { queues } from '@fleetwright/contracts';
import { JOBS_NOTIFY_CHANNEL, startQueue } from '@fleetwright/queue';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, startTestDatabase, type TestDatabase } from './helpers.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});

afterAll(async () => {
  await db?.stop();
});

describe('start queue', () => {
  it('wakes a listener on JOBS_NOTIFY_CHANNEL when a start job is committed', async () => {
    const listener = new pg.Client({ connectionString: db.connectionString });
    await listener.connect();
    try {
      await listener.query(`LISTEN "${JOBS_NOTIFY_CHANNEL}"`);
      const notified = new Promise<pg.Notification>((resolve) => listener.once('notification', resolve));
      await createSession(db, { startUrl: 'http://127.0.0.1:9/' });
      const notification = await notified;
      expect(notification.payload).toBe(queues.sessionStart);
    } finally {
      await listener.end();
    }
  });

  it('turns NOTIFY on for a start queue created before it notified by itself', async () => {
    await db.boss.updateQueue(queues.sessionStart, { notify: false });
    const boss = await startQueue({ connectionString: db.connectionString, supervise: false, max: 1 });
    try {
      expect((await boss.getQueue(queues.sessionStart))?.notify).toBe(true);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });

  it('moves the starts queued under the queue name from before migration 0007, with their due time', async () => {
    const sessionId = '6f1c2b1e-7a47-4d2b-9a4b-3c1b6f0e2d11';
    await db.boss.createQueue('instance-start');
    const due = new Date(Date.now() + 3_600_000);
    await db.boss.send(
      'instance-start',
      { instanceId: sessionId, organizationId: db.organizationId, attempt: 2, reason: 'crash' },
      { startAfter: due },
    );
    const boss = await startQueue({ connectionString: db.connectionString, supervise: false, max: 1 });
    try {
      expect(await boss.getQueue('instance-start')).toBeNull();
      const [moved] = await boss.findJobs(queues.sessionStart, { key: sessionId, queued: true });
      expect(moved?.data).toEqual({
        sessionId,
        organizationId: db.organizationId,
        attempt: 2,
        reason: 'crash',
      });
      expect(moved?.startAfter.getTime()).toBe(due.getTime());
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
});
