import type { Config } from '@fleetwright/config';
import { type SessionStatus, sessionRooms } from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  downsampleSessionMetrics,
  findSessionsOfWorkers,
  findSilentWorkers,
  findWorkersWithoutLock,
  insertSessionLogs,
  markWorkerStopped,
  pruneProxyChecks,
  pruneRateLimits,
  pruneSessionLogs,
  pruneWebhookDeliveries,
  type SessionRow,
  transitionSession,
  type WorkerRow,
  withAdvisoryTryLock,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { enqueueProxyHealthPass, failSession, type PgBoss, restartPolicy } from '@fleetwright/queue';
import { type EventPublisher, publishSessionStatus } from '../realtime/events.ts';
import { toSessionLog } from '../sessions/serializers.ts';

export interface MaintenanceOptions {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  config: Pick<
    Config,
    | 'RESTART_LIMIT'
    | 'RESTART_BACKOFF_MS'
    | 'RESTART_WINDOW_MS'
    | 'METRICS_RAW_RETENTION_HOURS'
    | 'METRICS_RETENTION_DAYS'
    | 'LOG_RETENTION_DAYS'
    | 'PROXY_CHECK_RETENTION_DAYS'
    | 'WEBHOOK_DELIVERY_RETENTION_DAYS'
    | 'PROXY_HEALTH_INTERVAL_MS'
  >;
  events: EventPublisher;
  logger: Logger;
  /** Heartbeat age after which a worker counts as dead, seconds. */
  deadAfterSeconds: number;
  /** Between passes of retention (and the heartbeat failover with it), ms. @default 10000 */
  intervalMs?: number;
  /** Between failover passes (liveness locks and heartbeats), ms. @default 1000 */
  failoverIntervalMs?: number;
  /**
   * How long a worker's liveness lock must be seen gone before its sessions fail over, ms: a worker
   * whose lock connection broke while it lives (a database restart) takes the lock back within it.
   * @default 2000
   */
  lockGraceMs?: number;
}

export interface FailoverReport {
  /** Workers whose heartbeat went stale. */
  silentWorkers: number;
  /** Workers whose liveness lock is gone (their process died). */
  lostWorkers: number;
  /** Sessions moved to ERROR with a restart queued. */
  failedOver: number;
  /** STOPPING sessions of lost workers, now STOPPED. */
  stopped: number;
}

export interface MaintenanceReport extends FailoverReport {
  metricsFolded: number;
  metricsPruned: number;
  logsPruned: number;
  /** Expired rate-limit windows removed. */
  rateLimitsPruned: number;
  /** Proxy checks older than PROXY_CHECK_RETENTION_DAYS removed. */
  proxyChecksPruned: number;
  /** Settled webhook deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS removed. */
  webhookDeliveriesPruned: number;
}

export interface Maintenance {
  /** One pass; `undefined` when another replica holds the lock. */
  runOnce(now?: Date): Promise<MaintenanceReport | undefined>;
  /**
   * One failover pass (liveness locks and heartbeats); `undefined` when another replica runs one.
   * `graceMs` 0 fails over a worker whose lock is gone at once.
   */
  failOverWorkers(options?: { graceMs?: number }): Promise<FailoverReport | undefined>;
  /**
   * A worker process is known to have exited (the all-in-one supervisor saw it): fails over every
   * worker whose lock is gone without the grace, asking again for a moment until Postgres has seen
   * the connection close (it ends the backend a few milliseconds after the process).
   */
  workerExited(): Promise<void>;
  stop(): Promise<void>;
}

/** pg advisory lock key: one replica runs maintenance at a time ("fleetwright maintenance"). */
export const MAINTENANCE_LOCK_KEY = 7_346_410_001;
/** pg advisory lock key: one replica runs a failover pass at a time; apart from retention, which may take long. */
export const FAILOVER_LOCK_KEY = 7_346_410_002;
/** How long workerExited() keeps asking for a lock that is gone, and how often, ms. */
const EXIT_WAIT_MS = 3000;
const EXIT_POLL_MS = 100;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ON_WORKER: SessionStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * Every `failoverIntervalMs`, under its own `pg_try_advisory_lock` (so one replica does it): fails
 * over the sessions of workers whose liveness lock is gone (their process died: seconds) or whose
 * heartbeat went silent (a paused or cut-off worker: WORKER_DEAD_AFTER_SECONDS). The first pass runs
 * at once and without the grace: after a crash of the whole platform, the sessions that were running
 * come back now. Every `intervalMs`, under the maintenance lock: the heartbeat failover again, folds
 * old raw metrics into 1-minute averages, prunes metrics, logs and proxy checks past their
 * retention, and asks for the proxy health pass of the current interval (PROXY_HEALTH_INTERVAL_MS).
 */
export function startMaintenance(options: MaintenanceOptions): Maintenance {
  let running: Promise<unknown> = Promise.resolve();
  let failingOver: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const lostSince = new Map<string, number>();
  const lockGraceMs = options.lockGraceMs ?? 2000;

  const runOnce = (now = new Date()): Promise<MaintenanceReport | undefined> =>
    withAdvisoryTryLock(options.pool, MAINTENANCE_LOCK_KEY, () => runTasks(options, now));
  const failOverWorkers = ({ graceMs = lockGraceMs }: { graceMs?: number } = {}) => {
    const pass = failingOver.then(() =>
      withAdvisoryTryLock(options.pool, FAILOVER_LOCK_KEY, () =>
        failOverLostAndSilentWorkers(options, lostSince, graceMs),
      ),
    );
    failingOver = pass.catch(() => {});
    return pass;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => runOnce())
      .catch((error: unknown) => options.logger.warn({ err: error }, 'maintenance pass failed'));
  }, options.intervalMs ?? 10_000);
  timer.unref();
  const failoverPass = (graceMs?: number) => {
    if (stopped) return;
    failOverWorkers({ graceMs }).catch((error: unknown) =>
      options.logger.warn({ err: error }, 'failover pass failed'),
    );
  };
  const failoverTimer = setInterval(() => failoverPass(), options.failoverIntervalMs ?? 1000);
  failoverTimer.unref();
  failoverPass(0);

  return {
    runOnce: (now) => {
      const pass = running.then(() => runOnce(now));
      running = pass.catch(() => {});
      return pass;
    },
    failOverWorkers,
    async workerExited() {
      for (let waited = 0; waited <= EXIT_WAIT_MS && !stopped; waited += EXIT_POLL_MS) {
        const report = await failOverWorkers({ graceMs: 0 }).catch(() => undefined);
        if (report && report.lostWorkers > 0) return;
        await new Promise((resolve) => setTimeout(resolve, EXIT_POLL_MS));
      }
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(failoverTimer);
      await running;
      await failingOver;
    },
  };
}

async function runTasks(options: MaintenanceOptions, now: Date): Promise<MaintenanceReport> {
  const { db } = options;
  const report: MaintenanceReport = {
    silentWorkers: 0,
    lostWorkers: 0,
    failedOver: 0,
    stopped: 0,
    metricsFolded: 0,
    metricsPruned: 0,
    logsPruned: 0,
    rateLimitsPruned: 0,
    proxyChecksPruned: 0,
    webhookDeliveriesPruned: 0,
  };
  // Each task on its own: a failing one must not starve the others.
  await attempt(options.logger, 'worker failover', async () => {
    Object.assign(
      report,
      await failOverWorkers(options, await findSilentWorkers(db, options.deadAfterSeconds), 'silent'),
    );
  });
  await attempt(options.logger, 'metrics downsampling', async () => {
    const { folded, pruned } = await downsampleSessionMetrics(options.db, {
      rawBefore: new Date(now.getTime() - options.config.METRICS_RAW_RETENTION_HOURS * HOUR_MS),
      keepAfter: new Date(now.getTime() - options.config.METRICS_RETENTION_DAYS * DAY_MS),
    });
    report.metricsFolded = folded;
    report.metricsPruned = pruned;
  });
  await attempt(options.logger, 'log retention', async () => {
    report.logsPruned = await pruneSessionLogs(
      options.db,
      new Date(now.getTime() - options.config.LOG_RETENTION_DAYS * DAY_MS),
    );
  });
  await attempt(options.logger, 'rate-limit windows', async () => {
    report.rateLimitsPruned = await pruneRateLimits(options.db, now);
  });
  await attempt(options.logger, 'proxy check retention', async () => {
    report.proxyChecksPruned = await pruneProxyChecks(
      options.db,
      new Date(now.getTime() - options.config.PROXY_CHECK_RETENTION_DAYS * DAY_MS),
    );
  });
  await attempt(options.logger, 'webhook delivery retention', async () => {
    report.webhookDeliveriesPruned = await pruneWebhookDeliveries(
      options.db,
      new Date(now.getTime() - options.config.WEBHOOK_DELIVERY_RETENTION_DAYS * DAY_MS),
    );
  });
  // Asked on every pass by whichever replica holds the lock; the queue keeps one job per interval.
  if (options.config.PROXY_HEALTH_INTERVAL_MS > 0) {
    await attempt(options.logger, 'proxy health pass', async () => {
      await enqueueProxyHealthPass(options.boss, {
        now,
        intervalMs: options.config.PROXY_HEALTH_INTERVAL_MS,
      });
    });
  }
  return report;
}

async function attempt(logger: Logger, task: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn({ err: error, task }, 'maintenance task failed');
  }
}

/**
 * The failover pass: workers whose liveness lock has been gone for `graceMs` (tracked in `lostSince`,
 * per replica), then workers whose heartbeat is older than `deadAfterSeconds`.
 */
async function failOverLostAndSilentWorkers(
  options: MaintenanceOptions,
  lostSince: Map<string, number>,
  graceMs: number,
): Promise<FailoverReport> {
  const now = Date.now();
  const withoutLock = await findWorkersWithoutLock(options.db);
  for (const id of lostSince.keys()) {
    if (!withoutLock.some((worker) => worker.id === id)) lostSince.delete(id);
  }
  const lost = withoutLock.filter((worker) => {
    const since = lostSince.get(worker.id) ?? now;
    lostSince.set(worker.id, since);
    return now - since >= graceMs;
  });
  const byLock = await failOverWorkers(options, lost, 'lost');
  for (const worker of lost) lostSince.delete(worker.id);
  const byHeartbeat = await failOverWorkers(
    options,
    await findSilentWorkers(options.db, options.deadAfterSeconds),
    'silent',
  );
  return {
    silentWorkers: byHeartbeat.silentWorkers,
    lostWorkers: byLock.lostWorkers,
    failedOver: byLock.failedOver + byHeartbeat.failedOver,
    stopped: byLock.stopped + byHeartbeat.stopped,
  };
}

/**
 * Lost or silent workers lose their sessions: STARTING/RUNNING ones go to ERROR ("worker lost") and
 * get a failover start that any live worker claims; STOPPING ones were on their way out and become
 * STOPPED. The worker is marked stopped last, so a pass interrupted half-way finds it again.
 */
async function failOverWorkers(
  options: MaintenanceOptions,
  workers: WorkerRow[],
  why: 'lost' | 'silent',
): Promise<FailoverReport> {
  const { db, logger } = options;
  let failedOver = 0;
  let stopped = 0;
  for (const worker of workers) {
    logger.warn(
      { workerId: worker.id, host: worker.host, heartbeatAt: worker.heartbeatAt },
      why === 'lost' ? 'worker lost (its liveness lock is gone)' : 'worker went silent',
    );
    for (const row of await findSessionsOfWorkers(db, [worker.id])) {
      const outcome = await failOverSession(options, row, worker.id);
      if (outcome === 'failed-over') failedOver++;
      if (outcome === 'stopped') stopped++;
    }
    await markWorkerStopped(db, worker.id);
  }
  return {
    silentWorkers: why === 'silent' ? workers.length : 0,
    lostWorkers: why === 'lost' ? workers.length : 0,
    failedOver,
    stopped,
  };
}

async function failOverSession(
  options: MaintenanceOptions,
  row: SessionRow,
  workerId: string,
): Promise<'failed-over' | 'stopped' | 'error' | 'skipped'> {
  const key = { organizationId: row.organizationId, id: row.id };
  const released = { workerId: null, browserPid: null };
  if (row.status === 'STOPPING') {
    const moved = await transitionSession(options.db, {
      ...key,
      from: ['STOPPING'],
      to: 'STOPPED',
      workerId,
      set: { ...released, stoppedAt: new Date() },
    });
    if (!moved) return 'skipped';
    publishSessionStatus(options.events, moved.row, moved.previousStatus, 'worker lost while stopping');
    return 'stopped';
  }
  const failed = await failSession(
    {
      pool: options.pool,
      boss: options.boss,
      policy: restartPolicy(options.config),
      alongside: async (tx, { restart }) => {
        // A failover always restarts (it counts nothing against the session's crash allowance).
        const message = restart
          ? 'Worker lost; restarting on another worker'
          : 'Worker lost; the session stays in ERROR';
        const [log] = await insertSessionLogs(tx.db, [
          {
            sessionId: row.id,
            organizationId: row.organizationId,
            level: 'error',
            source: 'lifecycle',
            message,
            data: { workerId, reason: 'failover' },
          },
        ]);
        return { log, message };
      },
    },
    {
      session: row,
      cause: 'failover',
      from: ON_WORKER.filter((status) => status !== 'STOPPING'),
      workerId,
      error: 'worker lost',
    },
  );
  if (!failed) return 'skipped';
  const { moved, restart, alongside } = failed;
  publishSessionStatus(options.events, moved.row, moved.previousStatus, 'worker lost');
  if (alongside.log) {
    options.events.publish(sessionRooms(row), 'session.log', {
      ...toSessionLog(alongside.log),
      organizationId: row.organizationId,
    });
  }
  options.logger.warn({ sessionId: row.id, workerId, restart: restart !== null }, alongside.message);
  return restart ? 'failed-over' : 'error';
}
