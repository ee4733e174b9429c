import { createHash } from 'node:crypto';
import { queues, sessionStartJobSchema } from '@fleetwright/contracts';
import { PgBoss } from 'pg-boss';
import { ensureExecutionQueues } from './job-executions.ts';
import { ensureProxyQueues } from './proxy-jobs.ts';
import { ensureWebhookQueues } from './webhook-deliveries.ts';

export type { Job, JobWithMetadata } from 'pg-boss';
export * from './job-executions.ts';
export * from './prepared-statements.ts';
export * from './proxy-jobs.ts';
export * from './session-restarts.ts';
export * from './session-starts.ts';
export * from './webhook-deliveries.ts';
export { PgBoss };

export interface QueueOptions {
  connectionString: string;
  /** Connections pg-boss may hold. @default 4 */
  max?: number;
  /** Run pg-boss maintenance (expiry, retention) in this process. Servers do; workers need not. @default true */
  supervise?: boolean;
}

/** pg-boss's schema. */
const QUEUE_SCHEMA = 'pgboss';

/**
 * The Postgres NOTIFY channel on which pg-boss announces new jobs of queues created with
 * `notify: true` (payload: the queue name). pg-boss derives it in SQL as
 * `'pgboss_' || left(encode(sha224(<schema>), 'hex'), 24)` (plans.notifyChannelSql, not exported);
 * this is the same value, so workers can LISTEN on their own connection.
 */
export const JOBS_NOTIFY_CHANNEL = `pgboss_${createHash('sha224').update(QUEUE_SCHEMA).digest('hex').slice(0, 24)}`;

/** Starts pg-boss on Fleetwright's database (schema `pgboss`) and makes sure our queues exist. */
export async function startQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: QUEUE_SCHEMA,
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    schedule: false,
    application_name: 'fleetwright-queue',
  });
  // pg-boss reports transient errors as events; without a listener they would be thrown.
  boss.on('error', () => {});
  await boss.start();
  const existing = await boss.getQueue(queues.sessionStart);
  if (!existing) {
    await boss
      .createQueue(queues.sessionStart, {
        // A worker that claimed a start and died: the job comes back after this long.
        expireInSeconds: 120,
        retryLimit: 3,
        retryDelay: 2,
        retryBackoff: true,
        retentionSeconds: 3600,
        deleteAfterSeconds: 3600,
        // The job insert itself NOTIFYs JOBS_NOTIFY_CHANNEL (in the same statement, delivered at
        // commit, only for a job runnable now), so idle workers wake without an extra query.
        notify: true,
      })
      .catch(async (error: unknown) => {
        // Two processes creating the queue at once: fine if it exists now.
        if (!(await boss.getQueue(queues.sessionStart))) throw error;
      });
  } else if (!existing.notify) {
    // A database from before the queue notified by itself.
    await boss.updateQueue(queues.sessionStart, { notify: true });
  }
  await moveStartsQueuedBefore0007(boss);
  await ensureProxyQueues(boss);
  await ensureExecutionQueues(boss);
  await ensureWebhookQueues(boss);
  return boss;
}

/** The start queue's name, and its payload's id field, before migration 0007 renamed instances to sessions. */
const START_QUEUE_BEFORE_0007 = { name: 'instance-start', idField: 'instanceId' } as const;

/**
 * Starts still queued under the name the queue had before migration 0007 move to the current queue
 * (same payload under the current field name, same due time), and the old queue goes. The
 * singleton key keeps two servers doing this at once from queuing a start twice.
 */
async function moveStartsQueuedBefore0007(boss: PgBoss): Promise<void> {
  const { name, idField } = START_QUEUE_BEFORE_0007;
  if (!(await boss.getQueue(name))) return;
  const queued = await boss.findJobs<Record<string, unknown>>(name, { queued: true });
  for (const job of queued) {
    const { [idField]: sessionId, ...rest } = job.data;
    const payload = sessionStartJobSchema.safeParse({ ...rest, sessionId });
    if (!payload.success) continue;
    await boss.send(queues.sessionStart, payload.data, {
      startAfter: job.startAfter,
      singletonKey: payload.data.sessionId,
    });
  }
  await boss.deleteQueue(name);
}
