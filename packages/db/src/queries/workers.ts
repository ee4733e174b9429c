import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DatabaseOrTransaction } from '../client.ts';
import { type WorkerRow, workers } from '../schema/workers.ts';

/**
 * First key of every worker liveness lock, pg_advisory_lock(WORKER_LOCK_CLASS, workers.lock_key).
 * The two-key form has a key space of its own (pg_locks.objsubid 2), apart from the one-key locks
 * of maintenance and admission.
 */
export const WORKER_LOCK_CLASS = 734_641;

export async function registerWorker(
  db: DatabaseOrTransaction,
  values: Pick<WorkerRow, 'id' | 'host' | 'address' | 'version' | 'capacity'> &
    Partial<Pick<WorkerRow, 'lockKey'>>,
): Promise<WorkerRow> {
  const [row] = await db.insert(workers).values(values).returning();
  return row!;
}

/**
 * Takes a fresh liveness lock key and the lock itself on `connection`, which the worker keeps open
 * for its whole life: the lock is the connection's (session-level), so it goes when the process dies.
 * Answers the key, or null if the lock was taken already (the sequence cycled onto a live worker's key).
 */
export async function takeWorkerLock(connection: pg.ClientBase, lockKey?: number): Promise<number | null> {
  const { rows } = await connection.query<{ key: number; locked: boolean }>(
    `SELECT key, pg_try_advisory_lock($1, key) AS locked
       FROM (SELECT coalesce($2::integer, nextval('workers_lock_key_seq')::integer) AS key) AS next`,
    [WORKER_LOCK_CLASS, lockKey ?? null],
  );
  return rows[0]?.locked ? rows[0].key : null;
}

/**
 * A heartbeat; it also brings back a worker the server had declared lost (it was paused, or cut off
 * from the database, and lives on): its sessions were failed over, the new ones it runs count.
 */
export async function heartbeatWorker(db: DatabaseOrTransaction, id: string): Promise<void> {
  await db.update(workers).set({ heartbeatAt: new Date(), stoppedAt: null }).where(eq(workers.id, id));
}

export async function markWorkerStopped(db: DatabaseOrTransaction, id: string): Promise<void> {
  await db.update(workers).set({ stoppedAt: new Date() }).where(eq(workers.id, id));
}

export async function getWorker(db: DatabaseOrTransaction, id: string): Promise<WorkerRow | undefined> {
  const [row] = await db.select().from(workers).where(eq(workers.id, id));
  return row;
}

/** Workers that have not stopped cleanly, oldest first. */
export async function listWorkers(db: DatabaseOrTransaction): Promise<WorkerRow[]> {
  return db.select().from(workers).where(isNull(workers.stoppedAt)).orderBy(asc(workers.startedAt));
}

/** Workers whose heartbeat is older than `seconds` and that never said goodbye. */
export async function findSilentWorkers(db: DatabaseOrTransaction, seconds: number): Promise<WorkerRow[]> {
  return db
    .select()
    .from(workers)
    .where(
      and(isNull(workers.stoppedAt), lt(workers.heartbeatAt, sql`now() - make_interval(secs => ${seconds})`)),
    );
}

/**
 * Workers that took a liveness lock and hold it no more, though they never said goodbye: their
 * process died (or lost its database connection). One read of pg_locks, cheap enough to ask every
 * second. A worker without a lock key (one from before the locks) is left to findSilentWorkers.
 */
export async function findWorkersWithoutLock(db: DatabaseOrTransaction): Promise<WorkerRow[]> {
  return db
    .select()
    .from(workers)
    .where(
      and(
        isNull(workers.stoppedAt),
        isNotNull(workers.lockKey),
        sql`NOT EXISTS (
          SELECT 1 FROM pg_locks
           WHERE locktype = 'advisory' AND granted
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND classid = ${WORKER_LOCK_CLASS}::oid AND objid = ${workers.lockKey}::oid AND objsubid = 2)`,
      ),
    );
}

/** Whether at least one worker heartbeated within `seconds` (readiness). */
export async function hasLiveWorker(db: DatabaseOrTransaction, seconds: number): Promise<boolean> {
  const rows = await db
    .select({ id: workers.id })
    .from(workers)
    .where(
      and(
        isNull(workers.stoppedAt),
        sql`${workers.heartbeatAt} >= now() - make_interval(secs => ${seconds})`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * A worker that heartbeated within `seconds` and runs fewer active sessions than its capacity, the
 * least loaded first; undefined when there is none (script test runs, issue 11).
 */
export async function findWorkerWithFreeCapacity(
  db: DatabaseOrTransaction,
  seconds: number,
): Promise<WorkerRow | undefined> {
  const active = sql<number>`(SELECT count(*)::int FROM sessions s
    WHERE s.worker_id = ${workers.id} AND s.status IN ('STARTING', 'RUNNING', 'STOPPING'))`;
  const [row] = await db
    .select()
    .from(workers)
    .where(
      and(
        isNull(workers.stoppedAt),
        sql`${workers.heartbeatAt} >= now() - make_interval(secs => ${seconds})`,
        sql`${active} < ${workers.capacity}`,
      ),
    )
    .orderBy(active, asc(workers.id))
    .limit(1);
  return row;
}
