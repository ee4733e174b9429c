import { type Config, publicUrl, readOrCreateSecret } from '@fleetwright/config';
import { WORKER_DEAD_AFTER_SECONDS } from '@fleetwright/contracts';
import { createDatabase, type DatabaseClient, hasAccounts } from '@fleetwright/db';
import { createLogger, type Logger } from '@fleetwright/logger';
import { type PgBoss, startQueue } from '@fleetwright/queue';
import { type App, buildApp } from './app.ts';
import { createMailer } from './auth/mailer.ts';
import { createDashboardHandler, type Dashboard, type DashboardHandler } from './dashboard/handler.ts';
import { JobScheduler } from './jobs/scheduler.ts';
import { type Maintenance, startMaintenance } from './maintenance/service.ts';
import { startNotificationConsumer } from './notification-channels/consumer.ts';
import { createSocketPublisher } from './realtime/events.ts';
import type { FleetServer } from './realtime/frames-relay.ts';
import { attachSocketServer, closeSocketServer, createSocketServer } from './realtime/socket-server.ts';
import { sealStoredProxyUrls } from './sessions/proxy.ts';
import { startWebhookDeliveryWorker } from './webhooks/delivery-worker.ts';
import { HttpPoster } from './webhooks/http-post.ts';

export interface StartServerOptions {
  /** Parsed configuration; DATABASE_URL is required. HOST and PORT say where to listen (PORT 0: any free port). */
  config: Config;
  /** @default a pino logger at config.LOG_LEVEL */
  logger?: Logger;
  /** Database to use; created from DATABASE_URL (and closed by `close()`) when omitted. */
  database?: DatabaseClient;
  /** Started pg-boss; started (and stopped by `close()`) when omitted. */
  boss?: PgBoss;
  /** The Next.js dashboard directory (apps/web) with a production build; no build → `/` answers a hint. */
  dashboardDir?: string;
  /** A dashboard handler made elsewhere; wins over `dashboardDir`. */
  dashboard?: DashboardHandler;
  /** Run the periodic maintenance (failover, retention) in this process. @default true */
  maintenance?: boolean;
  /** Fire due job runs from this process (every replica may: a run fires once). @default true */
  scheduler?: boolean;
  /** Lets the first account be created. @default generated under DATA_DIR */
  setupToken?: string;
}

export interface RunningServer {
  app: App;
  io: FleetServer;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  maintenance: Maintenance | undefined;
  /** Fires due job runs (issue 11); undefined when started without one. */
  scheduler: JobScheduler | undefined;
  /** While no account exists: the link that creates the first (administrator) account. */
  setupUrl: string | null;
  /** Stops maintenance, live-view streams, sockets and HTTP, then what this call created (database, queue). */
  close(): Promise<void>;
}

/** Builds the app, attaches Socket.IO (with the Postgres adapter) and the dashboard, listens, starts maintenance. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const connectionString = config.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required to start the server.');
  const logger = options.logger ?? createLogger({ name: 'fleetwright-server', level: config.LOG_LEVEL });
  const internalToken = config.INTERNAL_TOKEN ?? readOrCreateSecret(config.DATA_DIR, 'internal-token');

  // Closed in reverse order by close(), and if start-up fails half-way.
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse().splice(0)) {
      try {
        await cleanup();
      } catch (error) {
        logger.warn({ err: error }, 'error while closing the server');
      }
    }
  };

  try {
    const database =
      options.database ?? createDatabase({ connectionString, applicationName: 'fleetwright-server' });
    if (!options.database) cleanups.push(() => database.close());
    const boss = options.boss ?? (await startQueue({ connectionString }));
    if (!options.boss) cleanups.push(() => boss.stop({ graceful: false, close: true }));

    const adapterDatabase = createDatabase({
      connectionString,
      max: 3,
      applicationName: 'fleetwright-socket.io',
    });
    cleanups.push(() => adapterDatabase.close());
    const io = createSocketServer({ adapterPool: adapterDatabase.pool, logger });
    let ioClosed: Promise<void> | undefined;
    const closeIo = () => (ioClosed ??= closeSocketServer(io));
    // If start-up fails before the app exists; once it does, Socket.IO closes before the app (below).
    cleanups.push(closeIo);

    let dashboard: Dashboard | null = null;
    if (options.dashboard) {
      dashboard = { handle: options.dashboard, close: async () => {} };
    } else if (options.dashboardDir) {
      dashboard = await createDashboardHandler({ dir: options.dashboardDir });
      if (dashboard) cleanups.push(() => dashboard?.close());
      else logger.warn({ dir: options.dashboardDir }, 'no dashboard build found; serving the API only');
    }

    const app = await buildApp({
      db: database.db,
      pool: database.pool,
      boss,
      config,
      logger,
      internalToken,
      events: createSocketPublisher(io),
      dashboard: dashboard?.handle,
      setupToken: options.setupToken,
    });
    cleanups.push(async () => {
      // Requests still in flight get SHUTDOWN_GRACE_MS to finish; then their connections are cut.
      const force = setTimeout(() => app.server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
      try {
        await app.close();
      } finally {
        clearTimeout(force);
      }
    });
    // Before app.close(), which waits for every open connection to end: a connected Socket.IO client
    // (a dashboard tab, a script) never leaves by itself, so its sockets are closed first.
    cleanups.push(closeIo);
    await app.ready();
    const sealed = await sealStoredProxyUrls(database.db, app.keyring);
    if (sealed > 0)
      logger.info(
        { sessions: sealed },
        'sealed stored proxy URLs (stored before encryption, or under the former table name)',
      );

    const relay = attachSocketServer(io, app.server, {
      db: database.db,
      principals: app.principals,
      trustedOrigins: app.trustedOrigins,
      workers: app.workerClient,
      logger,
    });
    cleanups.push(() => relay.close());

    const url = await app.listen({ host: config.HOST, port: config.PORT });
    if (!['127.0.0.1', 'localhost', '::1'].includes(config.HOST) && !publicUrl(config).startsWith('https:')) {
      logger.warn(
        { host: config.HOST, publicUrl: publicUrl(config) },
        'listening beyond loopback without an https PUBLIC_URL: put a TLS-terminating proxy in front and set PUBLIC_URL=https://…',
      );
    }

    const maintenance =
      options.maintenance === false
        ? undefined
        : startMaintenance({
            db: database.db,
            pool: database.pool,
            boss,
            config,
            // The app's publisher: Socket.IO and the webhook outbox.
            events: app.events,
            logger,
            deadAfterSeconds: WORKER_DEAD_AFTER_SECONDS,
            blobs: app.blobs,
          });
    if (maintenance) cleanups.push(() => maintenance.stop());

    const scheduler =
      options.scheduler === false
        ? undefined
        : new JobScheduler({ db: database.db, pool: database.pool, boss, logger, connectionString });
    if (scheduler) {
      await scheduler.start();
      cleanups.push(() => scheduler.stop());
    }
    // Webhook deliveries and job notifications (issue 11): consumed by every server replica.
    const poster = new HttpPoster({
      allowPrivate: config.ALLOW_PRIVATE_TARGETS,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    });
    cleanups.push(() => poster.close());
    const mailer = createMailer({ config, db: database.db, logger });
    cleanups.push(() => mailer.close());
    const deliveries = await startWebhookDeliveryWorker({
      db: database.db,
      boss,
      keyring: app.keyring,
      config,
      poster,
      events: app.events,
      outbox: app.webhookOutbox,
      mailer,
      logger,
    });
    cleanups.push(() => deliveries.stop());
    const notifications = await startNotificationConsumer({
      db: database.db,
      boss,
      keyring: app.keyring,
      config,
      poster,
      mailer,
      logger,
    });
    cleanups.push(() => notifications.stop());

    const setupToken = options.setupToken ?? readOrCreateSecret(config.DATA_DIR, 'setup-token');
    const setupUrl = (await hasAccounts(database.db))
      ? null
      : `${config.PUBLIC_URL ? publicUrl(config) : url}/setup?token=${encodeURIComponent(setupToken)}`;

    let closing: Promise<void> | undefined;
    return { app, io, url, maintenance, scheduler, setupUrl, close: () => (closing ??= cleanUp()) };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
