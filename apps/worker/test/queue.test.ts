import { queues } from '@fleetwright/contracts';
import { JOBS_NOTIFY_CHANNEL, startQueue } from '@fleetwright/queue';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance, startTestDatabase, type TestDatabase } from './helpers.ts';

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
      await createInstance(db, { startUrl: 'http://127.0.0.1:9/' });
      const notification = await notified;
      expect(notification.payload).toBe(queues.instanceStart);
    } finally {
      await listener.end();
    }
  });

  it('turns NOTIFY on for a start queue created before it notified by itself', async () => {
    await db.boss.updateQueue(queues.instanceStart, { notify: false });
    const boss = await startQueue({ connectionString: db.connectionString, supervise: false, max: 1 });
    try {
      expect((await boss.getQueue(queues.instanceStart))?.notify).toBe(true);
    } finally {
      await boss.stop({ graceful: false, close: true });
    }
  });
});
