import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, prepareDataDir, readOrCreateSecret } from '@fleetwright/config';
import { assertDatabaseReachable, createDatabase, runMigrations } from '@fleetwright/db';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@fleetwright/db/embedded';
import { createLogger } from '@fleetwright/logger';
import { ensureChromium, ensureDashboardBuild, repoRoot, webDir } from './setup.ts';

const USAGE = `Usage: fleetwright <command>

  start     All-in-one: embedded PostgreSQL (unless DATABASE_URL is set), migrations, server and one worker
  server    The API server and dashboard only (needs DATABASE_URL)
  worker    One browser worker only (needs DATABASE_URL)
  migrate   Apply database migrations (needs DATABASE_URL, or starts the embedded PostgreSQL)
  setup     Check Node, find or install Chromium, build the dashboard if needed
  openapi   [file]  Write the API's OpenAPI document (JSON) to file or stdout; needs no database
`;

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'setup':
      return setup();
    case 'start':
      if (process.env[SUPERVISED] !== '1') return supervise();
      process.once('disconnect', () => supervisorGone());
      return start();
    case 'server':
      await import('../apps/server/src/main.ts');
      return;
    case 'worker':
      await import('../apps/worker/src/main.ts');
      return;
    case 'migrate':
      return migrate();
    case 'openapi':
      return writeOpenApi(process.argv[3]);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      console.error(`fleetwright: unknown command "${command}"\n\n${USAGE}`);
      process.exit(2);
  }
}

const SUPERVISED = 'FLEETWRIGHT_SUPERVISED';
/** What the supervised process does when its supervisor dies: until it has started, just exit. */
let supervisorGone = (): void => process.exit(1);
/**
 * A stop takes at most ~5 s: the worker gets WORKER_STOP_MS to stop its sessions, the server
 * SHUTDOWN_GRACE_MS (2 s by default) for requests in flight, then Postgres' fast shutdown.
 */
const WORKER_STOP_MS = 2_500;
/** A worker up this long has started fine: its next crash restarts it after 1 s again. */
const WORKER_HEALTHY_AFTER_MS = 60_000;
/** The last resort, for a stop stuck anywhere (a database that stopped answering). */
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * Runs `start` in a child process of its own process group. A Ctrl-C in a terminal signals the
 * whole foreground group: Postgres would get SIGINT and shut down at once, before the worker has
 * marked its sessions stopped. Here only this process hears it and asks the child to shut down in
 * order (worker, server, then Postgres). If this process dies, the IPC channel closes and the child
 * shuts down too, so nothing outlives it.
 */
function supervise(): void {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fleetwright.mjs'), 'start'], {
    detached: true,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [SUPERVISED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill('SIGTERM'));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function setup(): void {
  const chromium = ensureChromium();
  console.log(`fleetwright: Chromium (${chromium.kind}) at ${chromium.path}`);
  if (loadConfig().SERVE_DASHBOARD) ensureDashboardBuild();
}

/** The database to use: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR/pg. */
async function openDatabase(): Promise<{ databaseUrl: string; embedded?: EmbeddedDatabase }> {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    await assertDatabaseReachable(config.DATABASE_URL);
    return { databaseUrl: config.DATABASE_URL };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(prepareDataDir(config.DATA_DIR), 'pg'),
    port: config.EMBEDDED_PG_PORT,
  });
  return { databaseUrl: embedded.connectionString, embedded };
}

async function migrate(): Promise<void> {
  const { databaseUrl, embedded } = await openDatabase();
  const database = createDatabase({ connectionString: databaseUrl, max: 1 });
  try {
    await runMigrations(database.db);
    console.log('fleetwright: migrations applied');
  } finally {
    await database.close();
    await embedded?.stop();
  }
}

/** The document /api/docs/json serves, for client generators and `npm run lint:openapi`. */
async function writeOpenApi(file: string | undefined): Promise<void> {
  const { generateOpenApiDocument } = await import('../apps/server/src/openapi-document.ts');
  const json = `${JSON.stringify(await generateOpenApiDocument(), null, 2)}\n`;
  if (!file) {
    process.stdout.write(json);
    return;
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, json);
}

async function start(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ name: 'fleetwright', level: config.LOG_LEVEL });
  prepareDataDir(config.DATA_DIR);
  const { databaseUrl, embedded } = await openDatabase();
  if (embedded) logger.info({ dataDir: path.resolve(config.DATA_DIR) }, 'embedded PostgreSQL started');
  const internalToken = config.INTERNAL_TOKEN ?? readOrCreateSecret(config.DATA_DIR, 'internal-token');
  const env = { ...process.env, DATABASE_URL: databaseUrl, INTERNAL_TOKEN: internalToken };

  const database = createDatabase({ connectionString: databaseUrl, max: 1 });
  await runMigrations(database.db);
  await database.close();

  const { startServer } = await import('../apps/server/src/server.ts');
  const server = await startServer({
    config: { ...config, DATABASE_URL: databaseUrl, INTERNAL_TOKEN: internalToken },
    logger,
    dashboardDir: config.SERVE_DASHBOARD ? webDir : undefined,
  });

  let stopping = false;
  let worker: ChildProcess | undefined;
  let restarts = 0;
  const spawnWorker = () => {
    const spawnedAt = Date.now();
    worker = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fleetwright.mjs'), 'worker'], {
      env,
      stdio: 'inherit',
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      // The worker died on its own: its sessions fail over now (its liveness lock went with it),
      // onto the next worker, without waiting for the server's next failover pass.
      void server.maintenance?.workerExited();
      // The backoff is for a worker that cannot stay up, not for one crash after a long run.
      if (Date.now() - spawnedAt > WORKER_HEALTHY_AFTER_MS) restarts = 0;
      const delay = Math.min(30_000, 1000 * 2 ** restarts++);
      logger.error({ code, signal, restartInMs: delay }, 'worker exited; restarting it');
      setTimeout(() => !stopping && spawnWorker(), delay).unref();
    });
  };
  spawnWorker();

  console.log(`\n  Fleetwright is running at ${server.url}\n  API docs: ${server.url}/api/docs\n`);
  if (server.setupUrl) console.log(`  Create the administrator account: ${server.setupUrl}\n`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever hangs, the process ends; Postgres is then stopped by its exit hook.
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    if (worker && worker.exitCode === null && worker.signalCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      // Past this, its sessions are left RUNNING in the database: the next start reconciles them.
      const timer = setTimeout(() => {
        logger.warn({ afterMs: WORKER_STOP_MS }, 'worker did not stop in time; killing it');
        worker?.kill('SIGKILL');
      }, WORKER_STOP_MS);
      await exited;
      clearTimeout(timer);
    }
    await server.close();
    logger.info('server closed');
    if (embedded) {
      await embedded.stop();
      logger.info('embedded PostgreSQL stopped');
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Started by supervise(): when the supervisor goes away, so do we.
  supervisorGone = () => void shutdown('supervisor exited');
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(`fleetwright: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
