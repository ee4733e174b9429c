import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DatabaseOrTransaction } from '../client.ts';

/** One round trip that touches no table: whether the database answers at all (readiness). */
export async function pingDatabase(db: DatabaseOrTransaction): Promise<void> {
  await db.execute(sql`SELECT 1`);
}

/**
 * Runs `work` while this process holds the session-level advisory lock `key`, waiting for it if
 * another process holds it. It takes a pool, not a database: a session-level lock belongs to one
 * connection, which is held (and the lock released on it) for the whole of `work`.
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
