import { type InstanceStartJob, JOBS_NOTIFY_CHANNEL, queues } from '@fleetwright/contracts';
import { PgBoss } from 'pg-boss';

export type { Job } from 'pg-boss';
export { PgBoss };

/** Anything that runs SQL: a pg Pool, PoolClient or Client. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface QueueOptions {
  connectionString: string;
  /** Connections pg-boss may hold. @default 4 */
  max?: number;
  /** Run pg-boss maintenance (expiry, retention) in this process. Servers do; workers need not. @default true */
  supervise?: boolean;
}

/** Starts pg-boss on Fleetwright's database (schema `pgboss`) and makes sure our queues exist. */
export async function startQueue(options: QueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    schedule: false,
    application_name: 'fleetwright-queue',
  });
  // pg-boss reports transient errors as events; without a listener they would be thrown.
  boss.on('error', () => {});
  await boss.start();
  if (!(await boss.getQueue(queues.instanceStart))) {
    await boss
      .createQueue(queues.instanceStart, {
        // A worker that claimed a start and died: the job comes back after this long.
        expireInSeconds: 120,
        retryLimit: 3,
        retryDelay: 2,
        retryBackoff: true,
        retentionSeconds: 3600,
        deleteAfterSeconds: 3600,
      })
      .catch(async (error: unknown) => {
        // Two processes creating the queue at once: fine if it exists now.
        if (!(await boss.getQueue(queues.instanceStart))) throw error;
      });
  }
  return boss;
}

/**
 * Enqueues a start (or restart) of an instance. Pass the transaction's client as `db` so the job
 * commits or rolls back with the instance row; NOTIFY inside that transaction is delivered at
 * commit and wakes idle workers at once instead of at their next poll.
 */
export async function enqueueInstanceStart(
  boss: PgBoss,
  job: InstanceStartJob,
  options: { db: SqlClient; startAfterSeconds?: number },
): Promise<string | null> {
  const db = { executeSql: (text: string, values?: unknown[]) => options.db.query(text, values) };
  const id = await boss.send(queues.instanceStart, job, {
    db,
    startAfter: options.startAfterSeconds,
    // One pending start per instance: a second click on "start" does not queue a second launch.
    singletonKey: job.instanceId,
  });
  await options.db.query('SELECT pg_notify($1, $2)', [JOBS_NOTIFY_CHANNEL, job.instanceId]);
  return id;
}

/** Cancels the queued (not yet claimed) start of an instance, if any. */
export async function cancelInstanceStart(boss: PgBoss, instanceId: string): Promise<void> {
  const jobs = await boss.findJobs(queues.instanceStart, { key: instanceId, queued: true });
  if (jobs.length > 0)
    await boss.cancel(
      queues.instanceStart,
      jobs.map((job) => job.id),
    );
}
