import {
  type ExecutionTrigger,
  type JobExecutionJob,
  type NotificationJob,
  queues,
} from '@fleetwright/contracts';
import {
  type DatabaseOrTransaction,
  type ExecutionRow,
  type ExecutionSpec,
  insertExecution,
  type JobRow,
} from '@fleetwright/db';
import type { PgBoss, Queue } from 'pg-boss';
import { preparedStatements, type SqlClient } from './prepared-statements.ts';

/**
 * A worker running an execution touches its queue job every HEARTBEAT_SECONDS / 2; one that died
 * stops, and pg-boss's monitor hands the job out again after this long (the execution row then
 * says it was RUNNING elsewhere, and it is failed as lost rather than run twice).
 */
export const EXECUTION_HEARTBEAT_SECONDS = 30;

/**
 * The Postgres NOTIFY channel on which the API tells workers to cancel a RUNNING execution
 * (payload: its id): the worker running it aborts its sessions; the others ignore it.
 */
export const EXECUTION_CANCEL_CHANNEL = 'fleetwright_execution_cancel';

const EXECUTION_QUEUES: Queue[] = [
  {
    name: queues.jobExecution,
    heartbeatSeconds: EXECUTION_HEARTBEAT_SECONDS,
    // Bounded by the jobs' longest timeout (6 h) and the time to stop its sessions.
    expireInSeconds: 6 * 3600 + 600,
    // A retry is a lost worker's execution coming back; a failed run's retries are new executions.
    retryLimit: 1,
    retryDelay: 2,
    retentionSeconds: 24 * 3600,
    deleteAfterSeconds: 24 * 3600,
    notify: true,
  },
  {
    // Consumed by the notification channels (issue 11, slice D).
    name: queues.notification,
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    retentionSeconds: 24 * 3600,
    deleteAfterSeconds: 24 * 3600,
    notify: true,
  },
];

/** Creates the execution and notification queues if they do not exist yet (two processes at once is fine). */
export async function ensureExecutionQueues(boss: PgBoss): Promise<void> {
  for (const { name, ...options } of EXECUTION_QUEUES) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, options).catch(async (error: unknown) => {
      if (!(await boss.getQueue(name))) throw error;
    });
  }
}

/** What an execution copies of its job: later changes of the job do not change a run already asked for. */
export function executionSpecOf(job: JobRow): ExecutionSpec {
  return {
    kind: job.kind,
    flow: job.flow,
    scriptId: job.scriptId,
    scriptVersion: job.scriptVersion,
    targets: job.targets,
    sessionTemplate: job.sessionTemplate,
    proxyUrl: job.proxyUrl,
    sessionsPerTarget: job.sessionsPerTarget,
    inputs: job.inputs,
    retries: job.retries,
    timeoutSeconds: job.timeoutSeconds,
    concurrency: job.concurrency,
    trace: job.trace,
    notifications: job.notifications,
    priority: job.priority,
  };
}

export interface CreateExecutionParams {
  id: string;
  job: Pick<JobRow, 'id' | 'organizationId' | 'name' | 'kind'>;
  spec: ExecutionSpec;
  trigger: ExecutionTrigger;
  attempt: number;
  /** When it is due: now, a schedule's slot, or a retry's time. */
  scheduledFor: Date;
}

/**
 * Inserts a QUEUED execution and its `job-execution` queue job through one transaction (`db` and
 * `client` are the same transaction's): an execution is QUEUED exactly when a worker can claim it.
 * A run due later (a retry) becomes claimable at `scheduledFor`; the job's priority orders the queue.
 */
export async function createExecution(
  boss: PgBoss,
  tx: { db: DatabaseOrTransaction; client: SqlClient },
  params: CreateExecutionParams,
): Promise<ExecutionRow> {
  const row = await insertExecution(tx.db, {
    id: params.id,
    organizationId: params.job.organizationId,
    jobId: params.job.id,
    jobName: params.job.name,
    kind: params.job.kind,
    spec: params.spec,
    trigger: params.trigger,
    attempt: params.attempt,
    scheduledFor: params.scheduledFor,
    total: params.spec.targets.length * params.spec.sessionsPerTarget,
  });
  const payload: JobExecutionJob = { executionId: row.id, organizationId: row.organizationId };
  await boss.send(queues.jobExecution, payload, {
    db: preparedStatements(tx.client),
    priority: params.spec.priority,
    startAfter: params.scheduledFor > new Date() ? params.scheduledFor : undefined,
    singletonKey: row.id,
  });
  return row;
}

/** Tells a notification channel how an execution ended; in the transaction that ended it. */
export async function enqueueNotification(
  boss: PgBoss,
  job: NotificationJob,
  options: { db: SqlClient },
): Promise<string | null> {
  return boss.send(queues.notification, job, { db: preparedStatements(options.db) });
}

/** Cancels the queue job of a QUEUED execution, if it is still waiting (it may already be claimed). */
export async function cancelQueuedExecution(boss: PgBoss, executionId: string): Promise<void> {
  const jobs = await boss.findJobs(queues.jobExecution, { key: executionId, queued: true });
  if (jobs.length > 0)
    await boss.cancel(
      queues.jobExecution,
      jobs.map((job) => job.id),
    );
}
