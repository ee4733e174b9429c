import type { ExecutionStatus, JobKind } from '@fleetwright/contracts';
import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  lte,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { executions } from '../schema/executions.ts';
import { type JobRow, jobs, type NewJobRow } from '../schema/jobs.ts';

export interface JobKey {
  organizationId: string;
  id: string;
}

export interface JobFilter {
  q?: string;
  kind?: JobKind;
  paused?: boolean;
  tag?: string;
}

function filterConditions(organizationId: string, filter: JobFilter): SQL[] {
  const conditions: SQL[] = [eq(jobs.organizationId, organizationId)];
  if (filter.kind) conditions.push(eq(jobs.kind, filter.kind));
  if (filter.paused !== undefined) conditions.push(eq(jobs.paused, filter.paused));
  if (filter.tag) conditions.push(arrayContains(jobs.tags, [filter.tag]));
  if (filter.q) conditions.push(ilike(jobs.name, `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`));
  return conditions;
}

function byKey(key: JobKey): SQL | undefined {
  return and(eq(jobs.organizationId, key.organizationId), eq(jobs.id, key.id));
}

export async function insertJob(
  db: DatabaseOrTransaction,
  values: NewJobRow & { id: string; organizationId: string },
): Promise<JobRow> {
  const [row] = await db.insert(jobs).values(values).returning();
  return row!;
}

export async function getJob(db: DatabaseOrTransaction, key: JobKey): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(byKey(key));
  return row;
}

/** An organization's jobs, newest first (jobs_org_created_idx). */
export async function listJobs(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter: JobFilter; page: number; pageSize: number },
): Promise<{ rows: JobRow[]; total: number }> {
  const where = and(...filterConditions(params.organizationId, params.filter));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(jobs)
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(jobs).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function updateJob(
  db: DatabaseOrTransaction,
  key: JobKey,
  values: Partial<NewJobRow>,
): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ ...values, updatedAt: new Date() })
    .where(byKey(key))
    .returning();
  return row;
}

/** Deletes the job; its executions, their results and artifact rows go with it (ON DELETE CASCADE). */
export async function deleteJob(db: DatabaseOrTransaction, key: JobKey): Promise<JobRow | undefined> {
  const [row] = await db.delete(jobs).where(byKey(key)).returning();
  return row;
}

/** A job's last execution, as the job list shows it. */
export interface LastExecution {
  id: string;
  status: ExecutionStatus;
  finishedAt: Date | null;
}

/** The last execution of each job (executions_job_created_idx), for the jobs' `lastExecution`. */
export async function lastExecutionsOf(
  db: DatabaseOrTransaction,
  organizationId: string,
  jobIds: string[],
): Promise<Map<string, LastExecution>> {
  if (jobIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([executions.jobId], {
      jobId: executions.jobId,
      id: executions.id,
      status: executions.status,
      finishedAt: executions.finishedAt,
    })
    .from(executions)
    .where(and(eq(executions.organizationId, organizationId), inArray(executions.jobId, jobIds)))
    .orderBy(executions.jobId, desc(executions.createdAt));
  return new Map(rows.map((row) => [row.jobId, row]));
}

/** The earliest scheduled run of any job not paused (jobs_next_run_idx): when the scheduler wakes next. */
export async function earliestJobRunAt(db: DatabaseOrTransaction): Promise<Date | null> {
  const [row] = await db
    .select({ at: jobs.nextRunAt })
    .from(jobs)
    .where(and(isNotNull(jobs.nextRunAt), eq(jobs.paused, false)))
    .orderBy(asc(jobs.nextRunAt))
    .limit(1);
  return row?.at ?? null;
}

/** Jobs due at `now`, across organizations, earliest first (jobs_next_run_idx). */
export async function listDueJobs(db: DatabaseOrTransaction, now: Date, limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(and(isNotNull(jobs.nextRunAt), lte(jobs.nextRunAt, now), eq(jobs.paused, false)))
    .orderBy(asc(jobs.nextRunAt))
    .limit(limit);
}

/**
 * Moves a due job's next run from `due` to `next` if it is still `due` and the job is not paused:
 * of several schedulers reading the same due job, exactly one gets the row back and fires the run.
 */
export async function claimDueJobRun(
  db: DatabaseOrTransaction,
  params: { id: string; due: Date; next: Date | null },
): Promise<JobRow | undefined> {
  const [row] = await db
    .update(jobs)
    .set({ nextRunAt: params.next })
    .where(and(eq(jobs.id, params.id), eq(jobs.nextRunAt, params.due), eq(jobs.paused, false)))
    .returning();
  return row;
}

/** Organization-wide count of jobs, for quotas and tests. */
export async function countJobs(db: DatabaseOrTransaction, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(jobs)
    .where(eq(jobs.organizationId, organizationId));
  return row?.total ?? 0;
}
