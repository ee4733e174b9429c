import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { type ChromiumExecutable, requireChromium } from '@fleetwright/browsers';
import { type Config, readOrCreateSecret } from '@fleetwright/config';
import { WORKER_HEARTBEAT_SECONDS } from '@fleetwright/contracts';
import { createDatabase, getOrganizationPrivateTargets } from '@fleetwright/db';
import { SessionEvents } from '@fleetwright/events';
import { createLogger, type Logger } from '@fleetwright/logger';
import type { CheckTargetOptions } from '@fleetwright/net-guard';
import { startQueue } from '@fleetwright/queue';
import { loadKeyring } from '@fleetwright/secrets';
import { BrowserPool } from './browsers/browser-pool.ts';
import { sweepLeftovers, systemTmpdir } from './browsers/leftovers.ts';
import { WarmContexts } from './browsers/warm-contexts.ts';
import { startProxyJobs } from './proxies/proxy-jobs.ts';
import { ClaimLoop } from './queue/claim-loop.ts';
import { buildRpcServer } from './rpc/rpc-server.ts';
import { LogWriter } from './sessions/log-writer.ts';
import { startMetricsLoop } from './sessions/metrics-loop.ts';
import { SessionManager } from './sessions/session-manager.ts';
import { startRegistration } from './workers/registration.ts';

export { answerCheckEcho, type CheckEcho, readCheckEcho } from '@fleetwright/net-guard';
export { PROFILE_DIR_PREFIX } from './browsers/browser-pool.ts';
export { WorkerError, type WorkerErrorCode, workerErrorCatalogue } from './errors.ts';
export { ProxyCheckError, type ProxyCheckErrorCode } from './proxies/check-errors.ts';
export {
  type CheckProxiesOptions,
  type CheckProxiesSummary,
  checkProxies,
  DEFAULT_CHECK_CONCURRENCY,
  learnCheckBaseline,
} from './proxies/check-proxies.ts';
export {
  type CheckProxyOptions,
  checkProxy,
  type ProxyCheckResult,
  type ProxyEndpoint,
  type ProxyProtocol,
} from './proxies/check-proxy.ts';
export { geolocate, type IpGeolocation, loadGeolocation } from './proxies/geolocation.ts';
export type { AnonymityBaseline, ProxyAnonymity } from './proxies/judge-anonymity.ts';
export { HEALTHY_MIN_SUCCESS_RATE, nextProxyHealth } from './proxies/proxy-health.ts';
export { type ProxyJobs, type ProxyJobsOptions, startProxyJobs } from './proxies/proxy-jobs.ts';

export interface WorkerOptions {
  /** Parsed configuration (loadConfig() of packages/config). */
  config: Config;
  /** PostgreSQL connection string. */
  databaseUrl: string;
  /** Parent logger; the worker logs through a child with `workerId`. @default a pino logger at LOG_LEVEL */
  logger?: Logger;
  /** Sessions this worker runs at most. @default config.WORKER_CAPACITY */
  capacity?: number;
  /** Bearer token of the RPC listener. @default config.INTERNAL_TOKEN, else DATA_DIR/secrets/internal-token */
  internalToken?: string;
  /** Seconds between heartbeats. @default WORKER_HEARTBEAT_SECONDS (10) */
  heartbeatSeconds?: number;
  /** Chromium to run. @default requireChromium() (CHROMIUM_PATH, Playwright's, Debian's) */
  chromium?: ChromiumExecutable;
  /** Milliseconds between job polls, the floor under NOTIFY wake-ups. @default 1000 */
  pollIntervalMs?: number;
  /**
   * How the SSRF guard in front of each session (unless ALLOW_PRIVATE_TARGETS) resolves and
   * classifies addresses. Tests inject these: nothing public is reachable from them.
   * @default the system resolver and net-guard's classification
   */
  targetGuard?: Pick<CheckTargetOptions, 'resolve' | 'classify'>;
  /** Length of a minute of `proxyRotation.everyMinutes`, ms (tests shorten it). @default 60000 */
  rotationMinuteMs?: number;
}

export interface WorkerHandle {
  /** The worker's id (random per start, as registered in `workers`). */
  id: string;
  /** Base URL of the RPC listener, as registered for the server. */
  address: string;
  /** Stops claiming, stops every session (→ STOPPED), closes every browser, marks the worker stopped. */
  stop(reason?: string): Promise<void>;
  /** Sessions starting, running or stopping on this worker. */
  activeSessions(): number;
  /** Warm contexts ready now (WARM_CONTEXTS). */
  warmContexts(): number;
}

/** Chromium's switch that keeps WebRTC from sending UDP that does not go through the proxy. */
const WEBRTC_THROUGH_PROXY_ONLY = '--force-webrtc-ip-handling-policy=disable_non_proxied_udp';

function advertisedAddress(config: Config, port: number): string {
  if (config.WORKER_ADVERTISE_URL) return config.WORKER_ADVERTISE_URL.replace(/\/+$/, '');
  const host = config.WORKER_HOST;
  // A wildcard bind is reachable under the machine's name, not under 0.0.0.0.
  const reachable = host === '0.0.0.0' || host === '::' ? os.hostname() : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * Starts a browser worker: registers it, listens for RPC, claims session-start jobs and runs the
 * sessions. Resolves once the worker is registered and claiming.
 */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const { config } = options;
  const id = randomUUID();
  const logger = (options.logger ?? createLogger({ name: 'worker', level: config.LOG_LEVEL })).child({
    workerId: id,
  });
  const capacity = options.capacity ?? config.WORKER_CAPACITY;
  const chromium =
    options.chromium ??
    requireChromium(
      config.CHROMIUM_PATH ? { ...process.env, CHROMIUM_PATH: config.CHROMIUM_PATH } : process.env,
    );
  const token =
    options.internalToken ?? config.INTERNAL_TOKEN ?? readOrCreateSecret(config.DATA_DIR, 'internal-token');

  // Undone in reverse order by stop(), or right away if the start fails half-way.
  const cleanups: { name: string; run: () => Promise<void> }[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup
        .run()
        .catch((error: unknown) => logger.error({ err: error }, `${cleanup.name} failed during stop`));
    }
  };

  try {
    const database = createDatabase({
      connectionString: options.databaseUrl,
      applicationName: 'fleetwright-worker',
    });
    cleanups.push({ name: 'closing the database pool', run: () => database.close() });
    const boss = await startQueue({ connectionString: options.databaseUrl, supervise: false, max: 2 });
    cleanups.push({ name: 'stopping the queue', run: () => boss.stop({ graceful: false, close: true }) });

    const events = new SessionEvents(database.pool, logger);
    const logs = new LogWriter({ db: database.db, events, logger });
    cleanups.push({ name: 'flushing session logs', run: () => logs.close() });
    // What workers killed on this machine left behind (profiles in /dev/shm, their temp directories).
    sweepLeftovers(
      config.PROFILE_DIR ? [config.PROFILE_DIR, systemTmpdir()] : ['/dev/shm', systemTmpdir()],
      logger,
    );
    const browsers = new BrowserPool({
      chromium,
      retireAfter: config.BROWSER_RETIRE_AFTER,
      profileRoot: config.PROFILE_DIR,
      nice: config.BROWSER_NICE,
      logger,
      // With the egress guard, WebRTC must not send UDP around it (HTTP proxies carry no UDP).
      extraArgs: config.ALLOW_PRIVATE_TARGETS ? [] : [WEBRTC_THROUGH_PROXY_ONLY],
    });
    // Last resort when the process exits without stop() (uncaught error path, process.exit):
    // Playwright kills its browsers on exit; the profile directories are ours to remove.
    const removeProfilesOnExit = () => {
      for (const dir of browsers.profileDirs) rmSync(dir, { recursive: true, force: true });
    };
    process.on('exit', removeProfilesOnExit);
    cleanups.push({
      name: 'closing browsers',
      run: async () => {
        await browsers.close();
        process.off('exit', removeProfilesOnExit);
      },
    });

    const warm = new WarmContexts({
      pool: browsers,
      count: config.WARM_CONTEXTS,
      egress: config.ALLOW_PRIVATE_TARGETS ? null : (options.targetGuard ?? {}),
      logger,
    });
    cleanups.push({ name: 'closing warm contexts', run: () => warm.close() });

    const manager = new SessionManager({
      workerId: id,
      config,
      capacity,
      startConcurrency: config.START_CONCURRENCY,
      db: database.db,
      pool: database.pool,
      boss,
      browsers,
      logs,
      events,
      keyring: loadKeyring(config),
      logger,
      targetGuard: options.targetGuard,
      rotationMinuteMs: options.rotationMinuteMs,
      warm,
    });

    const rpc = buildRpcServer({
      manager,
      workerId: id,
      token,
      logger: logger.child({ component: 'rpc' }),
      scriptTests: {
        pool: browsers,
        config,
        logger: logger.child({ component: 'script-tests' }),
        loadPrivateTargets: (organizationId) => getOrganizationPrivateTargets(database.db, organizationId),
        targetGuard: options.targetGuard,
      },
    });
    await rpc.listen({ host: config.WORKER_HOST, port: config.WORKER_PORT });
    cleanups.push({ name: 'closing the RPC listener', run: () => rpc.close() });
    const boundPort = (rpc.server.address() as { port: number }).port;
    const address = advertisedAddress(config, boundPort);

    const registration = await startRegistration({
      db: database.db,
      connectionString: options.databaseUrl,
      workerId: id,
      address,
      capacity,
      heartbeatSeconds: options.heartbeatSeconds ?? WORKER_HEARTBEAT_SECONDS,
      manager,
      logger,
    });
    cleanups.push({ name: 'marking the worker stopped', run: () => registration.stop() });

    const metrics = startMetricsLoop({
      manager,
      db: database.db,
      events,
      logger,
      intervalMs: config.METRICS_INTERVAL_MS,
    });
    cleanups.push({ name: 'stopping metrics', run: () => metrics.stop() });

    const claims = new ClaimLoop({
      connectionString: options.databaseUrl,
      boss,
      pool: database.pool,
      manager,
      logger,
      pollIntervalMs: options.pollIntervalMs,
    });
    manager.whenCapacityFreed(() => claims.capacityFreed());
    let stopReason = 'worker shutdown';
    cleanups.push({
      name: 'stopping sessions',
      run: async () => {
        await manager.stopAll(stopReason);
        // Their jobs are being completed or failed: let that reach the database before it closes.
        await claims.waitForStarts();
      },
    });
    cleanups.push({ name: 'stopping the claim loop', run: () => claims.stop() });
    await claims.start();
    warm.replenish();

    // Proxy validation runs and health passes; stopped before the queue, so a run cut short fails
    // its job, which another worker (or this one, restarted) resumes.
    const proxyJobs = await startProxyJobs({
      boss,
      database,
      keyring: loadKeyring(config),
      events,
      logger: logger.child({ component: 'proxies' }),
      config,
      targetGuard: config.ALLOW_PRIVATE_TARGETS ? null : (options.targetGuard ?? {}),
      pollingIntervalSeconds: options.pollIntervalMs
        ? Math.max(0.5, options.pollIntervalMs / 1000)
        : undefined,
    });
    cleanups.push({ name: 'stopping proxy checks', run: () => proxyJobs.stop() });

    logger.info(
      { address, capacity, chromium: chromium.path, chromiumKind: chromium.kind },
      'worker started',
    );

    let stopping: Promise<void> | null = null;
    return {
      id,
      address,
      activeSessions: () => manager.size,
      warmContexts: () => warm.size,
      stop(reason?: string) {
        if (!stopping) {
          stopReason = reason ?? stopReason;
          logger.info({ reason: stopReason }, 'worker stopping');
          stopping = cleanUp().then(() => logger.info('worker stopped'));
        }
        return stopping;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
