import { randomUUID } from 'node:crypto';
import { queues } from '@fleetwright/contracts';
import { getSession, insertSession, registerWorker } from '@fleetwright/db';
import { failSession, JOBS_NOTIFY_CHANNEL, startQueue } from '@fleetwright/queue';
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

describe('restart policy', () => {
  const policy = { limit: 2, backoffMs: 400, windowMs: 60_000 };

  async function runningOn(workerId: string, restartCount = 0, startedAt = new Date()) {
    await registerWorker(db.database.db, {
      id: workerId,
      host: 'test',
      address: 'http://127.0.0.1:9',
      version: 'test',
      capacity: 1,
    });
    return insertSession(db.database.db, {
      organizationId: db.organizationId,
      name: 'failing',
      startUrl: 'http://127.0.0.1:9/',
      status: 'RUNNING',
      workerId,
      browserPid: 4242,
      restartCount,
      startedAt,
    });
  }

  const queuedStarts = (sessionId: string) =>
    db.boss.findJobs(queues.sessionStart, { key: sessionId, queued: true });

  it('commits the ERROR with its restart job, due after the backoff of its attempt', async () => {
    const workerId = randomUUID();
    const row = await runningOn(workerId, 1);
    const failed = await failSession(
      { pool: db.database.pool, boss: db.boss, policy },
      { session: row, cause: 'crash', from: ['RUNNING'], workerId, error: 'the page crashed' },
    );
    expect(failed?.restart).toEqual({ attempt: 2, delayMs: 800 });
    expect(await getSession(db.database.db, row)).toMatchObject({
      status: 'ERROR',
      workerId: null,
      browserPid: null,
      restartCount: 2,
      lastError: 'the page crashed',
    });
    const [job] = await queuedStarts(row.id);
    expect(job?.data).toEqual({
      sessionId: row.id,
      organizationId: db.organizationId,
      attempt: 2,
      reason: 'crash',
    });
    // Both are set by the same statement from the transaction's clock.
    expect(job!.startAfter.getTime() - job!.createdOn.getTime()).toBe(800);
  });

  it('leaves a session in ERROR without a restart once its crashes used up the limit, and says so in lastError', async () => {
    const workerId = randomUUID();
    const row = await runningOn(workerId, 2);
    const failed = await failSession(
      { pool: db.database.pool, boss: db.boss, policy },
      { session: row, cause: 'crash', from: ['RUNNING'], workerId, error: 'the page crashed' },
    );
    expect(failed?.restart).toBeNull();
    expect(await getSession(db.database.db, row)).toMatchObject({
      status: 'ERROR',
      restartCount: 2,
      lastError:
        'the page crashed; restart limit of 2 reached (each crash came within 1 min of its start), the session stays in ERROR',
    });
    expect(await queuedStarts(row.id)).toEqual([]);
  });

  it('restarts a session that ran healthily for the window with its full allowance (issue 9)', async () => {
    const workerId = randomUUID();
    const row = await runningOn(workerId, 2, new Date(Date.now() - 120_000));
    const failed = await failSession(
      { pool: db.database.pool, boss: db.boss, policy },
      { session: row, cause: 'crash', from: ['RUNNING'], workerId, error: 'the page crashed' },
    );
    expect(failed?.restart).toEqual({ attempt: 1, delayMs: 400 });
    expect(await getSession(db.database.db, row)).toMatchObject({ status: 'ERROR', restartCount: 1 });
    expect((await queuedStarts(row.id))[0]?.data).toMatchObject({ attempt: 1, reason: 'crash' });
  });

  it('restarts a session lost with its worker without using up its crash allowance (issue 9)', async () => {
    const workerId = randomUUID();
    const row = await runningOn(workerId, 2);
    const failed = await failSession(
      { pool: db.database.pool, boss: db.boss, policy },
      { session: row, cause: 'failover', from: ['RUNNING'], workerId, error: 'worker lost' },
    );
    expect(failed?.restart).toEqual({ attempt: 2, delayMs: 0 });
    expect(await getSession(db.database.db, row)).toMatchObject({
      status: 'ERROR',
      restartCount: 2,
      lastError: 'worker lost',
    });
    expect((await queuedStarts(row.id))[0]?.data).toMatchObject({ reason: 'failover' });
  });

  it('touches neither the session nor the queue when another worker holds the session', async () => {
    const row = await runningOn(randomUUID());
    const failed = await failSession(
      { pool: db.database.pool, boss: db.boss, policy },
      { session: row, cause: 'crash', from: ['RUNNING'], workerId: randomUUID(), error: 'the page crashed' },
    );
    expect(failed).toBeUndefined();
    expect(await getSession(db.database.db, row)).toMatchObject({ status: 'RUNNING', restartCount: 0 });
    expect(await queuedStarts(row.id)).toEqual([]);
  });
});
