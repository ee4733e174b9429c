import { randomUUID } from 'node:crypto';
import {
  type createJobBodySchema,
  type ExecutionTrigger,
  nextCronRuns,
  type updateJobBodySchema,
} from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  type DatabaseOrTransaction,
  deleteJob as deleteJobRow,
  type ExecutionRow,
  getJob,
  insertJob,
  type JobFilter,
  type JobKey,
  type JobRow,
  type LastExecution,
  lastExecutionsOf,
  listJobExecutionIds,
  listJobs as listJobRows,
  type NewJobRow,
  notifyChannel,
  type Queryable,
  updateJob as updateJobRow,
  withTransaction,
} from '@fleetwright/db';
import { createExecution, executionSpecOf, type PgBoss, type SqlClient } from '@fleetwright/queue';
import { columnContext, type Keyring, sealColumn } from '@fleetwright/secrets';
import type { z } from 'zod';
import type { AuditActor, AuditLog } from '../audit-logs/service.ts';
import { assertKnownDevice } from '../devices/service.ts';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { redactProxyUrl } from '../sessions/proxy.ts';
import { firstRunAt, JOBS_CHANGED_CHANNEL } from './schedule.ts';
import type { ScriptExists } from './scripts.ts';

/** What the job services need; built once per app from its decorators. */
export interface JobDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  audit: AuditLog;
  targets: TargetGuard;
  keyring: Keyring;
  scriptExists: ScriptExists;
}

export type CreateJobInput = z.output<typeof createJobBodySchema>;
export type UpdateJobInput = z.output<typeof updateJobBodySchema>;

export function jobNotFound(id: string): AppError {
  return new AppError('JOB_NOT_FOUND', `No job ${id}.`);
}

export async function findJob(deps: Pick<JobDeps, 'db'>, key: JobKey): Promise<JobRow> {
  const row = await getJob(deps.db, key);
  if (!row) throw jobNotFound(key.id);
  return row;
}

export async function lastExecutionOf(
  deps: Pick<JobDeps, 'db'>,
  row: JobRow,
): Promise<LastExecution | undefined> {
  return (await lastExecutionsOf(deps.db, row.organizationId, [row.id])).get(row.id);
}

export async function listJobs(
  deps: Pick<JobDeps, 'db'>,
  organizationId: string,
  query: JobFilter & { page: number; pageSize: number },
): Promise<{ rows: JobRow[]; total: number; last: Map<string, LastExecution> }> {
  const { page, pageSize, ...filter } = query;
  const { rows, total } = await listJobRows(deps.db, { organizationId, filter, page, pageSize });
  const last = await lastExecutionsOf(
    deps.db,
    organizationId,
    rows.map((row) => row.id),
  );
  return { rows, total, last };
}

/** The template's proxy URL is sealed for this job, like a session's (it may carry a password). */
function sealTemplate(keyring: Keyring, jobId: string, template: CreateJobInput['sessionTemplate']) {
  const { proxyUrl, ...rest } = template;
  return {
    sessionTemplate: rest,
    proxyUrl: sealColumn(keyring, proxyUrl ?? null, columnContext('jobs', 'proxy_url', jobId)),
    proxyDisplay: proxyUrl ? redactProxyUrl(proxyUrl) : null,
  };
}

/**
 * What a job's fields must pass beyond their schema: every target the SSRF guard (field
 * `targets.N`), the template's proxy and device, and a script job's script in the organization.
 */
async function checkJobFields(
  deps: JobDeps,
  organizationId: string,
  fields: Partial<Pick<CreateJobInput, 'targets' | 'sessionTemplate' | 'scriptId'>>,
): Promise<void> {
  for (const [index, target] of (fields.targets ?? []).entries()) {
    await deps.targets.check(target, `targets.${index}`, organizationId);
  }
  const template = fields.sessionTemplate;
  if (template?.device) assertKnownDevice(template.device);
  if (template?.proxyUrl) {
    await deps.targets.checkProxy(template.proxyUrl, 'sessionTemplate.proxyUrl', organizationId);
  }
  if (fields.scriptId && !(await deps.scriptExists(organizationId, fields.scriptId))) {
    throw new AppError('VALIDATION_ERROR', `scriptId: no script ${fields.scriptId} in this organization`, {
      field: 'scriptId',
    });
  }
}

/** `NOTIFY` every scheduler, at the commit of the transaction on `client`. */
async function notifyJobsChanged(client: Queryable): Promise<void> {
  await notifyChannel(client, { channel: JOBS_CHANGED_CHANNEL, payloads: [''] });
}

/**
 * Creates a job; bad input throws before anything is written. A `now` job's first execution is
 * created (and queued) in the same transaction; a scheduled one gets its first `next_run_at`.
 */
export async function createJob(
  deps: JobDeps,
  organizationId: string,
  input: CreateJobInput,
  actor: AuditActor,
): Promise<{ job: JobRow; execution: ExecutionRow | null }> {
  await checkJobFields(deps, organizationId, input);
  const id = randomUUID();
  const { sessionTemplate, ...rest } = input;
  const values: NewJobRow & { id: string; organizationId: string } = {
    ...rest,
    id,
    organizationId,
    flow: input.flow ?? null,
    scriptId: input.scriptId ?? null,
    scriptVersion: input.scriptVersion ?? null,
    ...sealTemplate(deps.keyring, id, sessionTemplate),
    nextRunAt: firstRunAt(input.schedule, new Date()),
  };
  return withTransaction(deps.pool, async (tx) => {
    const job = await insertJob(tx.db, values);
    const execution = input.schedule.type === 'now' ? await startExecution(deps.boss, tx, job, 'api') : null;
    await deps.audit.write(tx.db, actor, {
      action: 'job.created',
      organizationId,
      targetType: 'job',
      targetId: id,
      details: { name: job.name, kind: job.kind, schedule: job.schedule },
    });
    if (job.nextRunAt) await notifyJobsChanged(tx.client);
    return { job, execution };
  });
}

/** A QUEUED execution of the job as it is now, with its queue job, in the caller's transaction. */
function startExecution(
  boss: PgBoss,
  tx: { db: DatabaseOrTransaction; client: SqlClient },
  job: JobRow,
  trigger: ExecutionTrigger,
): Promise<ExecutionRow> {
  return createExecution(boss, tx, {
    id: randomUUID(),
    job,
    spec: executionSpecOf(job),
    trigger,
    attempt: 1,
    scheduledFor: new Date(),
  });
}

/**
 * A PATCH: the fields given replace the stored ones. `kind` and what it runs must agree once
 * merged (a flow job has a flow and no script, and the reverse); a new schedule is applied at once.
 */
export async function updateJob(
  deps: JobDeps,
  key: JobKey,
  input: UpdateJobInput,
  actor: AuditActor,
): Promise<JobRow> {
  const current = await findJob(deps, key);
  const kind = input.kind ?? current.kind;
  if (kind === 'flow' && input.scriptId !== undefined) {
    throw new AppError('VALIDATION_ERROR', 'scriptId: a flow job has no scriptId', { field: 'scriptId' });
  }
  if (kind === 'script' && input.flow !== undefined) {
    throw new AppError('VALIDATION_ERROR', 'flow: a script job has no flow', { field: 'flow' });
  }
  await checkJobFields(deps, key.organizationId, input);
  const { sessionTemplate, schedule, ...rest } = input;
  const values: Partial<NewJobRow> = {
    ...rest,
    ...(kind === 'flow' ? { scriptId: null, scriptVersion: null } : { flow: null }),
    ...(sessionTemplate ? sealTemplate(deps.keyring, key.id, sessionTemplate) : {}),
    ...(schedule ? { schedule, nextRunAt: current.paused ? null : firstRunAt(schedule, new Date()) } : {}),
  };
  return withTransaction(deps.pool, async (tx) => {
    const row = await updateJobRow(tx.db, key, values);
    if (!row) throw jobNotFound(key.id);
    await deps.audit.write(tx.db, actor, {
      action: 'job.updated',
      organizationId: key.organizationId,
      targetType: 'job',
      targetId: key.id,
      details: { fields: Object.keys(input) },
    });
    if (schedule) await notifyJobsChanged(tx.client);
    return row;
  });
}

/**
 * Deletes the job with its executions, results and artifact rows (ON DELETE CASCADE); their blobs
 * go after the commit (`deleteBlobs`), so a failed delete leaves every artifact readable.
 */
export async function deleteJob(
  deps: JobDeps,
  key: JobKey,
  actor: AuditActor,
): Promise<{ row: JobRow; executionIds: string[] }> {
  return withTransaction(deps.pool, async (tx) => {
    const executionIds = await listJobExecutionIds(tx.db, {
      organizationId: key.organizationId,
      jobId: key.id,
    });
    const row = await deleteJobRow(tx.db, key);
    if (!row) throw jobNotFound(key.id);
    await deps.audit.write(tx.db, actor, {
      action: 'job.deleted',
      organizationId: key.organizationId,
      targetType: 'job',
      targetId: key.id,
      details: { name: row.name },
    });
    await notifyJobsChanged(tx.client);
    return { row, executionIds };
  });
}

/** POST /jobs/:id/run: an execution now, whatever the schedule (a paused job too: asked by hand). */
export async function runJob(deps: JobDeps, key: JobKey): Promise<ExecutionRow> {
  const job = await findJob(deps, key);
  return withTransaction(deps.pool, (tx) => startExecution(deps.boss, tx, job, 'manual'));
}

/** Pause: the schedule stops (no next run) until resumed; executions already queued still run. */
export async function setJobPaused(
  deps: JobDeps,
  key: JobKey,
  paused: boolean,
  actor: AuditActor,
): Promise<JobRow> {
  const current = await findJob(deps, key);
  if (current.paused === paused) return current;
  return withTransaction(deps.pool, async (tx) => {
    const row = await updateJobRow(tx.db, key, {
      paused,
      nextRunAt: paused ? null : resumedRunAt(current.schedule, new Date()),
    });
    if (!row) throw jobNotFound(key.id);
    await deps.audit.write(tx.db, actor, {
      action: paused ? 'job.paused' : 'job.resumed',
      organizationId: key.organizationId,
      targetType: 'job',
      targetId: key.id,
    });
    await notifyJobsChanged(tx.client);
    return row;
  });
}

/** After a pause, the schedule goes on from now; an `at` job whose time passed meanwhile does not fire. */
function resumedRunAt(schedule: JobRow['schedule'], now: Date): Date | null {
  const first = firstRunAt(schedule, now);
  return schedule.type === 'at' && first && first <= now ? null : first;
}

/** GET /jobs/schedule-preview. */
export function previewSchedule(query: { cron: string; timezone: string; count: number }): string[] {
  return nextCronRuns(query.cron, query.timezone, query.count);
}
