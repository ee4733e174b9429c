import { ConfigError, loadConfig } from '@fleetwright/config';
import { assertDatabaseReachable } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { useWorkerTmpDir } from './browsers/leftovers.ts';
import { startWorker, type WorkerHandle } from './index.ts';

/**
 * Process entry of a standalone worker (`fleetwright worker`, the worker container). Needs
 * DATABASE_URL: a standalone worker joins an existing deployment, it never starts its own database.
 */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger({ name: 'worker', level: config.LOG_LEVEL });
  if (!config.DATABASE_URL) {
    logger.fatal(
      'DATABASE_URL is not set. A standalone worker joins an existing Fleetwright deployment: set DATABASE_URL to ' +
        "the server's PostgreSQL (e.g. postgresql://user:pass@db:5432/fleetwright), or run `fleetwright start` " +
        'for the all-in-one mode with an embedded database and a built-in worker.',
    );
    process.exit(1);
  }

  try {
    await assertDatabaseReachable(config.DATABASE_URL);
  } catch (error) {
    logger.fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }

  let starting: Promise<WorkerHandle> | null = null;
  let exiting = false;
  const shutdown = async (code: number, reason: string) => {
    if (exiting) return;
    exiting = true;
    try {
      // A signal during startup waits for it, so nothing it launched or registered is left behind.
      const handle = await starting;
      await handle?.stop(reason);
    } catch (error) {
      logger.error({ err: error }, 'worker stop failed');
      code = code || 1;
    }
    process.exit(code);
  };

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      logger.info({ signal }, 'signal received');
      void shutdown(0, 'worker shutdown');
    });
  }
  // Log once, stop every session and browser, exit 1: no Chromium or profile outlives the worker.
  const crash = (error: unknown, kind: string) => {
    if (exiting) return;
    logger.fatal({ err: error }, kind);
    void shutdown(1, 'worker shutdown');
  };
  process.on('uncaughtException', (error) => crash(error, 'uncaught exception'));
  process.on('unhandledRejection', (error) => crash(error, 'unhandled rejection'));

  // Before the first browser: Playwright's own temporary directories then go inside the worker's.
  useWorkerTmpDir();
  starting = startWorker({ config, databaseUrl: config.DATABASE_URL, logger });
  try {
    await starting;
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed to start');
    process.exit(1);
  }
}

void main();
