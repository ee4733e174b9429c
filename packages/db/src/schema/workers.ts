import { integer, pgSequence, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Keys of the workers' liveness locks (`workers.lock_key`): unique among live workers, so no two
 * wait on one lock. Integer and cycling: the lock is the two-key form pg_advisory_lock(int, int).
 */
export const workerLockKeys = pgSequence('workers_lock_key_seq', {
  startWith: 1,
  minValue: 1,
  maxValue: 2_147_483_647,
  cycle: true,
});

export const workers = pgTable('workers', {
  /** Chosen by the worker process at start; a restarted worker is a new row. */
  id: uuid('id').primaryKey(),
  host: text('host').notNull(),
  /** Base URL of the worker's internal RPC listener, e.g. http://10.0.0.5:41234. */
  address: text('address').notNull(),
  version: text('version').notNull(),
  capacity: integer('capacity').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when the worker shut down cleanly, or when the server declared it lost. */
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  /**
   * The worker holds the session-level advisory lock (WORKER_LOCK_CLASS, lock_key) on a connection
   * of its own for as long as it lives: when the process dies, Postgres drops the connection and the
   * lock with it at once, and the server fails the worker over without waiting for its heartbeat
   * to go stale. Null for a worker that takes no lock (one from before it existed): heartbeat only.
   */
  lockKey: integer('lock_key'),
});

export type WorkerRow = typeof workers.$inferSelect;
