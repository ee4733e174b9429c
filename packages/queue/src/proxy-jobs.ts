import { type ProxyValidationJob, queues } from '@fleetwright/contracts';
import type { PgBoss, Queue } from 'pg-boss';
import { preparedStatements, type SqlClient } from './prepared-statements.ts';

/**
 * A worker taking a proxy job beats every HEARTBEAT_SECONDS / 2 (pg-boss's work loop does it); one
 * that died stops beating, and the server's pg-boss monitor hands the job out again after this
 * long. A run of 100,000 proxies lasts minutes, so the heartbeat, not expiry, finds a dead worker.
 */
const HEARTBEAT_SECONDS = 30;

/** In creation order: a dead-letter queue before the queue that names it. */
const PROXY_QUEUES: Queue[] = [
  {
    name: queues.proxyValidationFailed,
    retryLimit: 3,
    retryDelay: 5,
    retentionSeconds: 24 * 3600,
    deleteAfterSeconds: 24 * 3600,
    notify: true,
  },
  {
    name: queues.proxyValidation,
    deadLetter: queues.proxyValidationFailed,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    // A run is bounded by the pool's size over the check concurrency times the timeout: hours at worst.
    expireInSeconds: 6 * 3600,
    retryLimit: 3,
    retryDelay: 5,
    retentionSeconds: 24 * 3600,
    deleteAfterSeconds: 24 * 3600,
    notify: true,
  },
  {
    name: queues.proxyHealth,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    expireInSeconds: 6 * 3600,
    retryLimit: 1,
    retryDelay: 5,
    retentionSeconds: 3600,
    deleteAfterSeconds: 3600,
    notify: true,
  },
];

/** Creates the proxy queues if they do not exist yet (two processes at once is fine). */
export async function ensureProxyQueues(boss: PgBoss): Promise<void> {
  for (const { name, ...options } of PROXY_QUEUES) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, options).catch(async (error: unknown) => {
      if (!(await boss.getQueue(name))) throw error;
    });
  }
}

/**
 * Enqueues the checks of a validation run. Pass the transaction's client as `db`: the job commits
 * or rolls back with the run's row, so a run is never left QUEUED without its job.
 */
export async function enqueueProxyValidation(
  boss: PgBoss,
  job: ProxyValidationJob,
  options: { db: SqlClient },
): Promise<string | null> {
  return boss.send(queues.proxyValidation, job, {
    db: preparedStatements(options.db),
    singletonKey: job.validationId,
  });
}

/**
 * Enqueues a health pass for the time slot `now` falls in (slots of `intervalMs`): every server's
 * maintenance may ask, pg-boss keeps one job per slot (singletonSeconds), so one pass runs per
 * interval however many servers there are.
 */
export async function enqueueProxyHealthPass(
  boss: PgBoss,
  options: { now: Date; intervalMs: number },
): Promise<string | null> {
  const seconds = Math.max(1, Math.round(options.intervalMs / 1000));
  const slot = new Date(Math.floor(options.now.getTime() / (seconds * 1000)) * seconds * 1000);
  return boss.send(
    queues.proxyHealth,
    { slot: slot.toISOString() },
    { singletonKey: 'proxy-health', singletonSeconds: seconds },
  );
}
