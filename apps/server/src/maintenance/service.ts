import type { Config } from '@fleetwright/config';
import { type SessionStatus, sessionRooms } from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  downsampleSessionMetrics,
  findSessionsOfWorkers,
  findSilentWorkers,
  insertSessionLogs,
  markWorkerStopped,
  pruneRateLimits,
  pruneSessionLogs,
  type SessionRow,
  transitionSession,
  withAdvisoryTryLock,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { failSession, type PgBoss, restartPolicy } from '@fleetwright/queue';
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
  >;
  events: EventPublisher;
  logger: Logger;
  /** Heartbeat age after which a worker counts as dead, seconds. */
  deadAfterSeconds: number;
  /** @default 10000 */
  intervalMs?: number;
}

export interface MaintenanceReport {
  silentWorkers: number;
  failedOver: number;
  stopped: number;
  metricsFolded: number;
  metricsPruned: number;
  logsPruned: number;
  /** Expired rate-limit windows removed. */
  rateLimitsPruned: number;
}

export interface Maintenance {
  /** One pass; `undefined` when another replica holds the lock. */
  runOnce(now?: Date): Promise<MaintenanceReport | undefined>;
  stop(): Promise<void>;
}

/** pg advisory lock key: one replica runs maintenance at a time ("fleetwright maintenance"). */
export const MAINTENANCE_LOCK_KEY = 7_346_410_001;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ON_WORKER: SessionStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * Every `intervalMs`, under `pg_try_advisory_lock` (so one replica does it): fails over the
 * sessions of workers whose heartbeat went silent, folds old raw metrics into 1-minute averages,
 * and prunes metrics and logs past their retention.
 */
export function startMaintenance(options: MaintenanceOptions): Maintenance {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const runOnce = (now = new Date()): Promise<MaintenanceReport | undefined> =>
    withAdvisoryTryLock(options.pool, MAINTENANCE_LOCK_KEY, () => runTasks(options, now));

  const timer = setInterval(() => {
    if (stopped) return;
    running = running
      .then(() => runOnce())
      .catch((error: unknown) => options.logger.warn({ err: error }, 'maintenance pass failed'));
  }, options.intervalMs ?? 10_000);
  timer.unref();

  return {
    runOnce: (now) => {
      const pass = running.then(() => runOnce(now));
      running = pass.catch(() => {});
      return pass;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function runTasks(options: MaintenanceOptions, now: Date): Promise<MaintenanceReport> {
  const report: MaintenanceReport = {
    silentWorkers: 0,
    failedOver: 0,
    stopped: 0,
    metricsFolded: 0,
    metricsPruned: 0,
    logsPruned: 0,
    rateLimitsPruned: 0,
  };
  // Each task on its own: a failing one must not starve the others.
  await attempt(options.logger, 'worker failover', async () => {
    Object.assign(report, await failOverSilentWorkers(options));
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
 * Workers silent for longer than `deadAfterSeconds` lose their sessions: STARTING/RUNNING ones
 * go to ERROR ("worker lost") and, within the restart budget, get a failover start that any live
 * worker claims; STOPPING ones were on their way out and become STOPPED. The worker is marked
 * stopped last, so a pass interrupted half-way finds it again.
 */
async function failOverSilentWorkers(
  options: MaintenanceOptions,
): Promise<Pick<MaintenanceReport, 'silentWorkers' | 'failedOver' | 'stopped'>> {
  const { db, logger } = options;
  const silent = await findSilentWorkers(db, options.deadAfterSeconds);
  let failedOver = 0;
  let stopped = 0;
  for (const worker of silent) {
    logger.warn(
      { workerId: worker.id, host: worker.host, heartbeatAt: worker.heartbeatAt },
      'worker went silent',
    );
    for (const row of await findSessionsOfWorkers(db, [worker.id])) {
      const outcome = await failOverSession(options, row, worker.id);
      if (outcome === 'failed-over') failedOver++;
      if (outcome === 'stopped') stopped++;
    }
    await markWorkerStopped(db, worker.id);
  }
  return { silentWorkers: silent.length, failedOver, stopped };
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
