import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.ts';

export type Database = NodePgDatabase<typeof schema>;
/** Queries accept either the pool-backed database or a transaction. */
export type DatabaseOrTransaction = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface DatabaseClient {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  connectionString: string;
  /** Pool size. @default 10 */
  max?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

export function createDatabase(options: CreateDatabaseOptions): DatabaseClient {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'fleetwright',
  });
  // An idle client losing its connection (Postgres restarted) must not crash the process;
  // the next query reconnects.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

export interface Transaction {
  /**
   * Drizzle on the transaction's connection. It is a Drizzle transaction, so queries that open
   * their own transaction (transitionSession) nest as a savepoint instead of committing early.
   */
  db: DatabaseOrTransaction;
  /** The raw connection, for libraries (pg-boss) that must join the same transaction. */
  client: pg.PoolClient;
}

/**
 * Runs `work` in one transaction on one pooled connection, shared by Drizzle and any library
 * given `client`, so a job enqueued with the rows it concerns commits or rolls back with them.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await drizzle(client, { schema }).transaction((db) => work({ db, client }));
  } finally {
    client.release();
  }
}
