import path from 'node:path';
import { ConfigError, loadConfig, prepareDataDir } from '@fleetwright/config';
import { assertDatabaseReachable, createDatabase, runMigrations, withAdvisoryLock } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { startQueue } from '@fleetwright/queue';
import { startServer } from './server.ts';

/** Keeps two replicas starting at once from applying the same migration twice. */
const MIGRATION_LOCK_KEY = 7_346_410_002;
/** The dashboard app; loaded at run time by Next.js, never imported. */
const WEB_DIR = path.resolve(import.meta.dirname, '..', '..', 'web');

/** `fleetwright server`: the API server alone, against an existing PostgreSQL (DATABASE_URL). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const connectionString = config.DATABASE_URL;
  if (!connectionString) {
    console.error(
      'fleetwright server: DATABASE_URL is required. For the all-in-one mode with an embedded PostgreSQL, run `fleetwright start`.',
    );
    process.exit(2);
  }
  const logger = createLogger({ name: 'fleetwright-server', level: config.LOG_LEVEL });
  try {
    prepareDataDir(config.DATA_DIR);
    await assertDatabaseReachable(connectionString);
  } catch (error) {
    console.error(`fleetwright server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  const database = createDatabase({ connectionString, applicationName: 'fleetwright-server' });
  await withAdvisoryLock(database.pool, MIGRATION_LOCK_KEY, () => runMigrations(database.db));
  const boss = await startQueue({ connectionString });
  const server = await startServer({
    config,
    logger,
    database,
    boss,
    dashboardDir: config.SERVE_DASHBOARD ? WEB_DIR : undefined,
  });
  console.log(`Fleetwright server listening at ${server.url} (API docs: ${server.url}/api/docs)`);
  if (server.setupUrl) console.log(`Create the administrator account: ${server.setupUrl}`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A shutdown that hangs (a stuck connection) must still end the process.
    setTimeout(() => process.exit(1), 20_000).unref();
    try {
      await server.close();
      await boss.stop({ graceful: false, close: true });
      await database.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
