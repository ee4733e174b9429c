import { findWorkersWithoutLock, getWorker } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';
import { startTestDatabase, type TestDatabase, testConfig, waitFor } from './helpers.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await db?.stop();
});

const lockless = async () => (await findWorkersWithoutLock(db.database.db)).map((worker) => worker.id);

describe('liveness lock', () => {
  it('holds its lock while it runs, takes it back when its connection is cut, and gives it up on stop (issue 9)', async () => {
    const worker = await startWorker({ config: testConfig(db.tmpDir), databaseUrl: db.connectionString });
    try {
      const row = await getWorker(db.database.db, worker.id);
      expect(row?.lockKey).toEqual(expect.any(Number));
      expect(await lockless()).toEqual([]);

      // What a database restart does to the connection; the worker lives on.
      await db.database.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fleetwright-worker-lock'`,
      );
      await waitFor('the lock to be gone', async () => (await lockless()).includes(worker.id));
      await waitFor('the lock to be taken again', async () => (await lockless()).length === 0);
      expect((await getWorker(db.database.db, worker.id))?.lockKey).toBe(row?.lockKey);
    } finally {
      await worker.stop();
    }
    // Stopped cleanly: marked stopped, so the released lock is no death.
    expect((await getWorker(db.database.db, worker.id))?.stoppedAt).not.toBeNull();
    expect(await lockless()).toEqual([]);
  });
});
