import { sql } from 'drizzle-orm';
import pg from 'pg';
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

/** Where a connection string points, without its password: for messages. */
export function describeDatabaseUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const socket = url.searchParams.get('host');
    const host = socket ?? (url.hostname || 'localhost');
    return `${host}${socket ? '' : `:${url.port || 5432}`}${url.pathname}`;
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}

/**
 * Connects once and runs `SELECT 1`, or fails within `timeoutMs` with a message that names the
 * server (host, port, database) and the cause: "Failed query: CREATE SCHEMA …" from the first
 * migration says neither, and a server that accepts connections and never answers would otherwise
 * hang the start for good.
 */
export async function assertDatabaseReachable(connectionString: string, timeoutMs = 10_000): Promise<void> {
  const where = describeDatabaseUrl(connectionString);
  const client = new pg.Client({
    connectionString,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PostgreSQL at ${where} did not answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.query('SELECT 1');
      })(),
      timedOut,
    ]);
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    const message = cause.startsWith('PostgreSQL at')
      ? cause
      : `PostgreSQL at ${where} cannot be reached: ${/timeout/i.test(cause) ? `no answer within ${timeoutMs / 1000} s` : cause}`;
    throw new Error(`${message} (DATABASE_URL)`, { cause: error });
  } finally {
    clearTimeout(timer);
    // end() waits for a server that never answers: drop the socket instead.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    void client.end().catch(() => {});
  }
}
