import { randomUUID } from 'node:crypto';
import type { ServerEventName } from '@fleetwright/contracts';
import { insertSession, insertWebhook, registerWorker, takeWorkerLock } from '@fleetwright/db';
import { waitFor } from '@fleetwright/testing';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAINTENANCE_LOCK_KEY, type Maintenance, startMaintenance } from '../src/maintenance/service.ts';
import type { EventPublisher } from '../src/realtime/events.ts';
import { deadAddress, insertWorker, queuedStartJobs, testLogger } from './support.ts';

let testDatabase: TestDatabase;
let maintenance: Maintenance;
const published: { name: ServerEventName; payload: unknown }[] = [];
const recorder: EventPublisher = { publish: (_to, name, payload) => published.push({ name, payload }) };

beforeAll(async () => {
  testDatabase = await startTestDatabase();
  maintenance = startMaintenance({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: { ...testDatabase.config, RESTART_LIMIT: 2 },
    events: recorder,
    logger: testLogger(),
    deadAfterSeconds: 30,
    // Passes run when the test says so.
    intervalMs: 3_600_000,
    failoverIntervalMs: 3_600_000,
    lockGraceMs: 3_600_000,
  });
  // Passes queue one behind the other: once this one is over, so is the pass at start.
  await maintenance.failOverWorkers();
});
afterAll(async () => {
  await maintenance?.stop();
  await testDatabase?.stop();
});
beforeEach(() => {
  published.length = 0;
});

async function sessionOn(workerId: string, status: 'RUNNING' | 'STARTING' | 'STOPPING', restartCount = 0) {
  return insertSession(testDatabase.database.db, {
    organizationId: testDatabase.organizationId,
    name: `on-${status.toLowerCase()}`,
    startUrl: 'http://127.0.0.1:9/',
    status,
    workerId,
    browserPid: 4242,
    restartCount,
  });
}

/**
 * A worker row as a worker process registers it, with its liveness lock held on a connection of its
 * own; `die()` closes that connection, as the end of the process does.
 */
async function lockedWorker(): Promise<{ id: string; die: () => Promise<void> }> {
  const connection = new pg.Client({ connectionString: testDatabase.connectionString });
  await connection.connect();
  const lockKey = await takeWorkerLock(connection);
  const id = randomUUID();
  await registerWorker(testDatabase.database.db, {
    id,
    host: 'test-host',
    address: await deadAddress(),
    version: 'test',
    capacity: 10,
    lockKey,
  });
  return { id, die: () => connection.end() };
}

async function statusOf(id: string) {
  const { rows } = await testDatabase.database.pool.query(
    'SELECT status, worker_id, browser_pid, restart_count, last_error FROM sessions WHERE id = $1',
    [id],
  );
  return rows[0];
}

describe('failover of silent workers', () => {
  it('moves the sessions of a silent worker to ERROR, queues failover starts and retires the worker', async () => {
    const silent = randomUUID();
    const live = randomUUID();
    await insertWorker(testDatabase.database, {
      id: silent,
      address: await deadAddress(),
      heartbeatSecondsAgo: 90,
    });
    await insertWorker(testDatabase.database, { id: live, address: await deadAddress() });
    const running = await sessionOn(silent, 'RUNNING');
    const starting = await sessionOn(silent, 'STARTING', 1);
    const stopping = await sessionOn(silent, 'STOPPING');
    const exhausted = await sessionOn(silent, 'RUNNING', 2);
    const elsewhere = await sessionOn(live, 'RUNNING');

    const report = await maintenance.runOnce();
    expect(report).toMatchObject({ silentWorkers: 1, failedOver: 3, stopped: 1 });

    expect(await statusOf(running.id)).toEqual({
      status: 'ERROR',
      worker_id: null,
      browser_pid: null,
      restart_count: 0,
      last_error: 'worker lost',
    });
    const [failover] = await queuedStartJobs(testDatabase.boss, running.id);
    expect(failover?.data).toMatchObject({ sessionId: running.id, reason: 'failover', attempt: 0 });
    expect((await queuedStartJobs(testDatabase.boss, starting.id))[0]?.data).toMatchObject({ attempt: 1 });

    // It was being stopped anyway: nothing to restart.
    expect(await statusOf(stopping.id)).toMatchObject({ status: 'STOPPED', worker_id: null });
    expect(await queuedStartJobs(testDatabase.boss, stopping.id)).toHaveLength(0);
    // Its crashes used up its restarts, but losing the worker was not its fault: it restarts, and
    // the failover counts nothing (issue 9).
    expect(await statusOf(exhausted.id)).toMatchObject({ status: 'ERROR', restart_count: 2 });
    expect((await queuedStartJobs(testDatabase.boss, exhausted.id))[0]?.data).toMatchObject({
      reason: 'failover',
    });
    // The live worker's session is not touched.
    expect(await statusOf(elsewhere.id)).toMatchObject({ status: 'RUNNING', worker_id: live });

    const { rows: workers } = await testDatabase.database.pool.query(
      'SELECT id, stopped_at IS NOT NULL AS stopped FROM workers WHERE id = ANY($1)',
      [[silent, live]],
    );
    expect(Object.fromEntries(workers.map((row) => [row.id, row.stopped]))).toEqual({
      [silent]: true,
      [live]: false,
    });

    const { rows: logs } = await testDatabase.database.pool.query(
      `SELECT message FROM session_logs WHERE session_id = $1 AND source = 'lifecycle' AND level = 'error'`,
      [running.id],
    );
    expect(logs.map((row) => row.message)).toEqual([expect.stringMatching(/worker lost/i)]);
    expect(published.filter((event) => event.name === 'session.error')).toHaveLength(3);
    expect(published.filter((event) => event.name === 'session.stopped')).toHaveLength(1);
    expect(published.some((event) => event.name === 'session.log')).toBe(true);

    // The next pass finds nothing left to do.
    expect(await maintenance.runOnce()).toMatchObject({ silentWorkers: 0, failedOver: 0 });
  });

  it('fails over the sessions of a worker whose liveness lock is gone, not those of a paused one that holds it (issue 9)', async () => {
    const dead = await lockedWorker();
    // Paused (SIGSTOP): its connection, and so its lock, stays; its heartbeat is not stale yet.
    const paused = await lockedWorker();
    await testDatabase.database.pool.query(
      `UPDATE workers SET heartbeat_at = now() - interval '20 seconds' WHERE id = $1`,
      [paused.id],
    );
    const lost = await sessionOn(dead.id, 'RUNNING');
    const kept = await sessionOn(paused.id, 'RUNNING');
    try {
      await dead.die();
      // Within the grace (a worker whose connection broke takes its lock back): nothing yet.
      expect(await maintenance.failOverWorkers()).toMatchObject({ lostWorkers: 0, failedOver: 0 });
      expect(await statusOf(lost.id)).toMatchObject({ status: 'RUNNING' });

      expect(await maintenance.failOverWorkers({ graceMs: 0 })).toMatchObject({
        lostWorkers: 1,
        silentWorkers: 0,
        failedOver: 1,
      });
      expect(await statusOf(lost.id)).toMatchObject({
        status: 'ERROR',
        worker_id: null,
        last_error: 'worker lost',
      });
      expect((await queuedStartJobs(testDatabase.boss, lost.id))[0]?.data).toMatchObject({
        reason: 'failover',
      });
      expect(await statusOf(kept.id)).toMatchObject({ status: 'RUNNING', worker_id: paused.id });
    } finally {
      await paused.die();
    }
  });

  it('fails over at its start, without waiting, the workers left without their lock by a crash of the whole platform (issue 9)', async () => {
    const crashed = await lockedWorker();
    const session = await sessionOn(crashed.id, 'RUNNING');
    await crashed.die();
    // Nothing but the pass at start can fail it over: the later ones are an hour away, with an hour of grace.
    const restarted = startMaintenance({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      config: testDatabase.config,
      events: recorder,
      logger: testLogger(),
      deadAfterSeconds: 30,
      intervalMs: 3_600_000,
      failoverIntervalMs: 3_600_000,
      lockGraceMs: 3_600_000,
    });
    try {
      await waitFor('the failover at start', async () => (await statusOf(session.id)).status === 'ERROR');
      expect((await queuedStartJobs(testDatabase.boss, session.id))[0]?.data).toMatchObject({
        reason: 'failover',
      });
    } finally {
      await restarted.stop();
    }
  });

  it('skips the pass while another replica holds the lock', async () => {
    const holder = await testDatabase.database.pool.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [MAINTENANCE_LOCK_KEY]);
      expect(await maintenance.runOnce()).toBeUndefined();
      await holder.query('SELECT pg_advisory_unlock($1)', [MAINTENANCE_LOCK_KEY]);
      expect(await maintenance.runOnce()).toBeDefined();
    } finally {
      holder.release();
    }
  });
});

describe('retention', () => {
  it('folds old raw metrics into 1-minute averages, drops expired averages and prunes old logs', async () => {
    const session = await insertSession(testDatabase.database.db, {
      organizationId: testDatabase.organizationId,
      name: 'retention',
      startUrl: 'http://127.0.0.1:9/',
    });
    const { pool } = testDatabase.database;
    const now = new Date();
    const raw = testDatabase.config.METRICS_RAW_RETENTION_HOURS;
    const folded = new Date(now.getTime() - (raw + 1) * 3_600_000);
    folded.setUTCSeconds(0, 0);
    await pool.query(
      `INSERT INTO session_metrics (session_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes) VALUES
        ($1, 'raw', $2::timestamptz + interval '5 seconds', 10, 100, 10, 1, 2),
        ($1, 'raw', $2::timestamptz + interval '10 seconds', 30, 300, 30, 3, 4),
        ($1, 'raw', $3, 50, 500, 50, 5, 6),
        ($1, '1m', $4, 1, 1, 1, 1, 1)`,
      [session.id, folded, now, new Date(now.getTime() - 30 * 24 * 3_600_000)],
    );
    await pool.query(
      `INSERT INTO session_logs (session_id, organization_id, level, source, message, at) VALUES
        ($1, $2, 'info', 'console', 'ancient', $3), ($1, $2, 'info', 'console', 'recent', $4)`,
      [session.id, testDatabase.organizationId, new Date(now.getTime() - 30 * 24 * 3_600_000), now],
    );

    const report = await maintenance.runOnce(now);
    expect(report).toMatchObject({ metricsFolded: 2, metricsPruned: 1, logsPruned: 1 });
    const { rows: metrics } = await pool.query(
      'SELECT resolution, cpu_percent, net_in_bytes FROM session_metrics WHERE session_id = $1 ORDER BY at',
      [session.id],
    );
    expect(metrics).toEqual([
      { resolution: '1m', cpu_percent: 20, net_in_bytes: '4' },
      { resolution: 'raw', cpu_percent: 50, net_in_bytes: '5' },
    ]);
    const { rows: logs } = await pool.query('SELECT message FROM session_logs WHERE session_id = $1', [
      session.id,
    ]);
    expect(logs).toEqual([{ message: 'recent' }]);
  });
});

describe('webhook delivery retention (issue 11)', () => {
  it('removes settled deliveries, with their attempts, past WEBHOOK_DELIVERY_RETENTION_DAYS; never a pending one', async () => {
    const { pool } = testDatabase.database;
    const organizationId = testDatabase.organizationId;
    const webhookId = randomUUID();
    await insertWebhook(testDatabase.database.db, {
      id: webhookId,
      organizationId,
      url: 'http://127.0.0.1:9/hook',
      events: ['session.created'],
      secret: 'sealed elsewhere',
    });
    const now = new Date();
    const old = new Date(
      now.getTime() - (testDatabase.config.WEBHOOK_DELIVERY_RETENTION_DAYS + 1) * 86_400_000,
    );
    const delivery = (status: string, createdAt: Date) => ({ id: randomUUID(), status, createdAt });
    const rows = [
      delivery('DELIVERED', old),
      delivery('FAILED', old),
      delivery('PENDING', old),
      delivery('DELIVERED', now),
    ];
    for (const row of rows) {
      await pool.query(
        `INSERT INTO webhook_deliveries (id, organization_id, webhook_id, event, data, status, created_at)
         VALUES ($1, $2, $3, 'session.created', '{}', $4, $5)`,
        [row.id, organizationId, webhookId, row.status, row.createdAt],
      );
      await pool.query(`INSERT INTO webhook_attempts (delivery_id, duration_ms) VALUES ($1, 5)`, [row.id]);
    }

    const report = await maintenance.runOnce(now);
    expect(report).toMatchObject({ webhookDeliveriesPruned: 2 });
    const { rows: kept } = await pool.query(
      'SELECT d.id, count(a.id)::int AS attempts FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id WHERE d.webhook_id = $1 GROUP BY d.id',
      [webhookId],
    );
    expect(new Set(kept.map((row) => row.id))).toEqual(new Set([rows[2]!.id, rows[3]!.id]));
    expect(kept.every((row) => row.attempts === 1)).toBe(true);
    const { rows: orphans } = await pool.query(
      'SELECT count(*)::int AS n FROM webhook_attempts WHERE delivery_id = ANY($1::uuid[])',
      [[rows[0]!.id, rows[1]!.id]],
    );
    expect(orphans[0].n).toBe(0);
  });
});
