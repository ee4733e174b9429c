import { randomUUID } from 'node:crypto';
import type {
  ExecutionStatus,
  FlowStepError,
  JobExecutionJob,
  NotificationJob,
} from '@fleetwright/contracts';
import {
  attachArtifacts,
  countExecutionProgress,
  type ExecutionRow,
  finishExecutionRow,
  getExecution,
  insertExecutionResult,
  previousFinishedExecution,
  startExecutionRow,
  withTransaction,
} from '@fleetwright/db';
import {
  type ExecutionEventName,
  executionEndEvent,
  executionPacket,
  type SessionEvents,
} from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';
import { createExecution, enqueueNotification, type PgBoss } from '@fleetwright/queue';
import type pg from 'pg';
import {
  abortedOutcome,
  runSession,
  type SessionOutcome,
  type SessionRunDeps,
  type SessionSlot,
} from './run-session.ts';
import type { AbortReason, LoadSecrets } from './types.ts';

export interface ExecutionRunDeps extends SessionRunDeps {
  workerId: string;
  pool: pg.Pool;
  boss: PgBoss;
  events: SessionEvents;
  logger: Logger;
  loadSecrets: LoadSecrets;
}

/** A running execution, as the runner tracks it: cancel aborts it. */
export interface ExecutionControl {
  abort(reason: AbortReason): void;
}

/**
 * Runs one execution to its end: QUEUED → RUNNING (job.started); its sessions, `concurrency` at a
 * time, each with a result row and a job.progress; then SUCCEEDED, FAILED or CANCELLED (job.completed,
 * job.failed or job.cancelled), with the next attempt and the notifications queued in the same transaction.
 * `register` hands the caller the control that cancels it while it runs.
 */
export async function runExecution(
  deps: ExecutionRunDeps,
  payload: JobExecutionJob,
  register: (control: ExecutionControl) => () => void,
): Promise<void> {
  const key = { organizationId: payload.organizationId, id: payload.executionId };
  const queued = await getExecution(deps.db, key);
  if (!queued) return;
  if (queued.status === 'RUNNING' && queued.workerId !== deps.workerId) {
    // Its worker was lost mid-run and pg-boss handed the queue job out again: its sessions are gone
    // with that worker, so it fails (and retries, if the job has attempts left) instead of running twice.
    await finish(deps, queued, 'FAILED', { code: 'WORKER_LOST', message: 'the worker running it was lost' });
    return;
  }
  if (queued.status !== 'QUEUED') return;
  const { spec } = queued;
  const slots: SessionSlot[] = spec.targets.flatMap((target, targetIndex) =>
    Array.from({ length: spec.sessionsPerTarget }, (_, i) => ({
      target,
      number: targetIndex * spec.sessionsPerTarget + i + 1,
    })),
  );
  const started = await startExecutionRow(deps.db, key, {
    workerId: deps.workerId,
    total: slots.length,
    at: new Date(),
  });
  if (!started) return;
  publish(deps, 'job.started', started);

  const controller = new AbortController();
  let abortReason: AbortReason | null = null;
  const abort = (reason: AbortReason) => {
    if (abortReason) return;
    abortReason = reason;
    controller.abort(reason);
  };
  const unregister = register({ abort });
  const timeout = setTimeout(() => abort('timeout'), spec.timeoutSeconds * 1000);
  const log = deps.logger.child({ executionId: started.id, jobId: started.jobId });
  try {
    const secrets = await deps.loadSecrets(started.organizationId).catch((error: unknown) => {
      log.warn({ err: error }, 'could not open the organization secrets');
      return {};
    });
    const pending = [...slots];
    const lane = async () => {
      for (let slot = pending.shift(); slot; slot = pending.shift()) {
        const outcome = await runSession(deps, started, slot, {
          signal: controller.signal,
          abortReason: () => abortReason,
          secrets,
        }).catch((error: unknown): SessionOutcome => {
          log.error({ err: error, target: slot?.target }, 'a session of the execution failed unexpectedly');
          return {
            sessionId: null,
            target: slot!.target,
            status: 'failed',
            startedAt: new Date(),
            durationMs: 0,
            data: {},
            steps: [],
            error: { code: 'STEP_FAILED', message: 'the session failed unexpectedly' },
            artifactIds: [],
          };
        });
        await recordOutcome(deps, started, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(spec.concurrency, slots.length) }, lane));
  } finally {
    clearTimeout(timeout);
    unregister();
  }
  const current = (await getExecution(deps.db, key)) ?? started;
  if (abortReason) {
    const status: ExecutionStatus = abortReason === 'cancel' ? 'CANCELLED' : 'FAILED';
    await finish(deps, current, status, abortedOutcome(abortReason).error);
  } else if (current.failed > 0) {
    await finish(deps, current, 'FAILED', {
      code: 'SESSIONS_FAILED',
      message: `${current.failed} of ${current.total} sessions failed`,
    });
  } else {
    await finish(deps, current, 'SUCCEEDED', null);
  }
}

/** One session's result row (with its artifacts) and the execution's progress, then job.progress. */
async function recordOutcome(
  deps: ExecutionRunDeps,
  execution: ExecutionRow,
  outcome: SessionOutcome,
): Promise<void> {
  const progressed = await withTransaction(deps.pool, async (tx) => {
    const result = await insertExecutionResult(tx.db, {
      id: randomUUID(),
      organizationId: execution.organizationId,
      executionId: execution.id,
      sessionId: outcome.sessionId,
      target: outcome.target,
      status: outcome.status,
      startedAt: outcome.startedAt,
      durationMs: outcome.durationMs,
      data: outcome.data,
      steps: outcome.steps,
      error: outcome.error,
    });
    await attachArtifacts(tx.db, {
      organizationId: execution.organizationId,
      resultId: result.id,
      ids: outcome.artifactIds,
    });
    return countExecutionProgress(tx.db, execution, { failed: outcome.status !== 'passed' });
  });
  if (progressed) publish(deps, 'job.progress', progressed);
}

/**
 * Ends the execution (from QUEUED or RUNNING; a cancel that came first wins), and in the same
 * transaction queues its next attempt (a FAILED one with attempts left, after delaySeconds, doubled
 * per attempt with backoff) and the notifications its job asks for on this outcome.
 */
async function finish(
  deps: ExecutionRunDeps,
  execution: ExecutionRow,
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED',
  error: FlowStepError | null,
): Promise<void> {
  const { spec } = execution;
  const retry = status === 'FAILED' && execution.attempt <= spec.retries.limit;
  const ended = await withTransaction(deps.pool, async (tx) => {
    const row = await finishExecutionRow(tx.db, execution, {
      from: ['QUEUED', 'RUNNING'],
      status,
      error,
      at: new Date(),
    });
    if (!row) return undefined;
    if (retry) {
      const { delaySeconds, backoff } = spec.retries;
      const waitSeconds = backoff ? delaySeconds * 2 ** (execution.attempt - 1) : delaySeconds;
      await createExecution(deps.boss, tx, {
        id: randomUUID(),
        job: { id: row.jobId, organizationId: row.organizationId, name: row.jobName, kind: row.kind },
        spec,
        trigger: row.trigger,
        attempt: row.attempt + 1,
        scheduledFor: new Date(Date.now() + waitSeconds * 1000),
      });
    }
    for (const job of await notificationsFor(tx.db, row, retry)) {
      await enqueueNotification(deps.boss, job, { db: tx.client });
    }
    return row;
  });
  if (ended) publish(deps, executionEndEvent(status), ended);
}

/**
 * The notification queue jobs for the job's rules that match how the execution ended: `failure`
 * once no attempt is left, `success`, and `recovery` for a success whose previous finished
 * execution of the job failed.
 */
async function notificationsFor(
  db: Parameters<typeof previousFinishedExecution>[0],
  row: ExecutionRow,
  retrying: boolean,
): Promise<NotificationJob[]> {
  const rules = row.spec.notifications;
  if (rules.length === 0 || row.status === 'CANCELLED' || retrying) return [];
  const outcomes: NotificationJob['outcome'][] = [];
  if (row.status === 'FAILED') outcomes.push('failure');
  if (row.status === 'SUCCEEDED') {
    outcomes.push('success');
    const previous = await previousFinishedExecution(db, {
      organizationId: row.organizationId,
      jobId: row.jobId,
      before: row.createdAt,
      excludeId: row.id,
    });
    if (previous?.status === 'FAILED') outcomes.push('recovery');
  }
  return rules.flatMap((rule) =>
    outcomes
      .filter((outcome) => rule.on.includes(outcome))
      .map((outcome) => ({
        organizationId: row.organizationId,
        channelId: rule.channelId,
        jobId: row.jobId,
        executionId: row.id,
        outcome,
      })),
  );
}

function publish(deps: Pick<ExecutionRunDeps, 'events'>, name: ExecutionEventName, row: ExecutionRow): void {
  deps.events.publish([executionPacket(name, row)]);
}
