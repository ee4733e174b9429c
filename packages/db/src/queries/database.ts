import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DatabaseOrTransaction } from '../client.ts';

/** One round trip that touches no table: whether the database answers at all (readiness). */
export async function pingDatabase(db: DatabaseOrTransaction): Promise<void> {
  await db.execute(sql`SELECT 1`);
}

/**
 * Runs `work` while this process holds the advisory lock `key` (pg_advisory_lock: held by one
 * connection until released, not by a transaction), waiting for it if another process holds it.
 * It takes a pool, not a database: the connection that took the lock is kept for the whole of
 * `work` and releases it there.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, key: number, work: () => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  try {
    await connection.query('SELECT pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await connection.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
    connection.release();
  }
}

/**
 * Runs `work` if this process can take the advisory lock `key` at once (pg_try_advisory_lock), and
 * answers undefined without running it when another process holds the lock: how one replica of
 * many does a periodic task.
 */
export async function withAdvisoryTryLock<T>(
  pool: pg.Pool,
  key: number,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const connection = await pool.connect();
  try {
    const { rows } = await connection.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [key],
    );
    if (!rows[0]?.locked) return undefined;
    try {
      return await work();
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
    }
  } finally {
    connection.release();
  }
}
