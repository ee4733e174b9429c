import { createHash } from 'node:crypto';
import { queues, type SessionStartJob, sessionStartJobSchema } from '@fleetwright/contracts';
import { PgBoss } from 'pg-boss';

export type { Job } from 'pg-boss';
export { PgBoss };

/** Anything that runs SQL: a pg Pool, PoolClient or Client. */
export interface SqlClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statement texts given a name so far; past MAX_NAMED_STATEMENTS, new texts run unnamed. */
const statementNames = new Map<string, string>();
/**
 * pg-boss inlines a few options into its SQL (queue name, table, a fetch's LIMIT), so a process sees
 * a handful of distinct texts; the cap keeps an unexpected stream of texts from piling up prepared
 * statements on every connection.
 */
const MAX_NAMED_STATEMENTS = 64;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `pgboss_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A pg-boss `db` (for send, fetch, complete: their `db` option) that runs each statement as a named
 * prepared statement: Postgres parses and plans pg-boss's large statements once per connection
 * instead of on every call (a send goes from ~0.8 to ~0.35 ms). Pass a transaction's client to join
 * the transaction.
 */
export function preparedStatements(client: SqlClient): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    executeSql: (text, values) => client.query({ name: statementName(text), text, values }),
  };
}

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

/**
 * Enqueues a start (or restart) of a session. Pass the transaction's client as `db` so the job
 * commits or rolls back with the session row; the queue's NOTIFY is part of the insert, so it is
 * delivered at commit too and wakes idle workers at once instead of at their next poll.
 */
export async function enqueueSessionStart(
  boss: PgBoss,
  job: SessionStartJob,
  options: { db: SqlClient; startAfterSeconds?: number },
): Promise<string | null> {
  return boss.send(queues.sessionStart, job, {
    db: preparedStatements(options.db),
    startAfter: options.startAfterSeconds,
    // One pending start per session: a second click on "start" does not queue a second launch.
    singletonKey: job.sessionId,
  });
}

/** Cancels the queued (not yet claimed) start of a session, if any. */
export async function cancelSessionStart(boss: PgBoss, sessionId: string): Promise<void> {
  const jobs = await boss.findJobs(queues.sessionStart, { key: sessionId, queued: true });
  if (jobs.length > 0)
    await boss.cancel(
      queues.sessionStart,
      jobs.map((job) => job.id),
    );
}
