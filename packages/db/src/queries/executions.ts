import type { ExecutionStatus, ExecutionTrigger, FlowStepError } from '@fleetwright/contracts';
import { and, asc, count, desc, eq, gte, inArray, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import {
  type ArtifactRow,
  artifacts,
  type ExecutionResultRow,
  type ExecutionRow,
  executionResults,
  executions,
  type NewArtifactRow,
  type NewExecutionResultRow,
  type NewExecutionRow,
} from '../schema/executions.ts';
import { sessions } from '../schema/sessions.ts';

export interface ExecutionKey {
  organizationId: string;
  id: string;
}

export interface ExecutionFilter {
  jobId?: string;
  status?: ExecutionStatus;
  trigger?: ExecutionTrigger;
  from?: string;
  to?: string;
}

function byKey(key: ExecutionKey): SQL | undefined {
  return and(eq(executions.organizationId, key.organizationId), eq(executions.id, key.id));
}

export async function insertExecution(
  db: DatabaseOrTransaction,
  values: NewExecutionRow & { id: string },
): Promise<ExecutionRow> {
  const [row] = await db.insert(executions).values(values).returning();
  return row!;
}

export async function getExecution(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
): Promise<ExecutionRow | undefined> {
  const [row] = await db.select().from(executions).where(byKey(key));
  return row;
}

/** An organization's executions, newest first (executions_org_created_idx). */
export async function listExecutions(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter: ExecutionFilter; page: number; pageSize: number },
): Promise<{ rows: ExecutionRow[]; total: number }> {
  const { filter } = params;
  const where = and(
    eq(executions.organizationId, params.organizationId),
    filter.jobId ? eq(executions.jobId, filter.jobId) : undefined,
    filter.status ? eq(executions.status, filter.status) : undefined,
    filter.trigger ? eq(executions.trigger, filter.trigger) : undefined,
    filter.from ? gte(executions.createdAt, new Date(filter.from)) : undefined,
    filter.to ? lt(executions.createdAt, new Date(filter.to)) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(executions)
      .where(where)
      .orderBy(desc(executions.createdAt), desc(executions.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(executions).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/**
 * QUEUED → RUNNING on `workerId`, with its number of sessions: one worker of several that were
 * handed the queue job (a retry after a lost worker) gets the row; undefined for the others.
 */
export async function startExecutionRow(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
  params: { workerId: string; total: number; at: Date },
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .update(executions)
    .set({ status: 'RUNNING', workerId: params.workerId, total: params.total, startedAt: params.at })
    .where(and(byKey(key), eq(executions.status, 'QUEUED')))
    .returning();
  return row;
}

/** One session of a RUNNING execution finished. */
export async function countExecutionProgress(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
  params: { failed: boolean },
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .update(executions)
    .set({
      done: sql`${executions.done} + 1`,
      failed: params.failed ? sql`${executions.failed} + 1` : executions.failed,
    })
    .where(byKey(key))
    .returning();
  return row;
}

/** Ends an execution that is still in one of `from`; undefined when it has moved on already. */
export async function finishExecutionRow(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
  params: {
    from: ExecutionStatus[];
    status: Extract<ExecutionStatus, 'SUCCEEDED' | 'FAILED' | 'CANCELLED'>;
    error: FlowStepError | null;
    at: Date;
  },
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .update(executions)
    .set({ status: params.status, error: params.error, finishedAt: params.at })
    .where(and(byKey(key), inArray(executions.status, params.from)))
    .returning();
  return row;
}

/** The job's last finished execution before `before` (for "recovery": did it fail?). */
export async function previousFinishedExecution(
  db: DatabaseOrTransaction,
  params: { organizationId: string; jobId: string; before: Date; excludeId: string },
): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(executions)
    .where(
      and(
        eq(executions.organizationId, params.organizationId),
        eq(executions.jobId, params.jobId),
        inArray(executions.status, ['SUCCEEDED', 'FAILED']),
        lte(executions.createdAt, params.before),
        ne(executions.id, params.excludeId),
      ),
    )
    .orderBy(desc(executions.createdAt))
    .limit(1);
  return row;
}

export async function insertExecutionResult(
  db: DatabaseOrTransaction,
  values: NewExecutionResultRow & { id: string },
): Promise<ExecutionResultRow> {
  const [row] = await db.insert(executionResults).values(values).returning();
  return row!;
}

/** An execution's results in the order they finished (execution_results_execution_idx). */
export async function listExecutionResults(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
): Promise<ExecutionResultRow[]> {
  return db
    .select()
    .from(executionResults)
    .where(
      and(eq(executionResults.organizationId, key.organizationId), eq(executionResults.executionId, key.id)),
    )
    .orderBy(asc(executionResults.createdAt), asc(executionResults.id));
}

export async function insertArtifact(
  db: DatabaseOrTransaction,
  values: NewArtifactRow & { id: string },
): Promise<ArtifactRow> {
  const [row] = await db.insert(artifacts).values(values).returning();
  return row!;
}

/** Ties a session's artifacts, saved while it ran, to its result. */
export async function attachArtifacts(
  db: DatabaseOrTransaction,
  params: { organizationId: string; resultId: string; ids: string[] },
): Promise<void> {
  if (params.ids.length === 0) return;
  await db
    .update(artifacts)
    .set({ resultId: params.resultId })
    .where(and(eq(artifacts.organizationId, params.organizationId), inArray(artifacts.id, params.ids)));
}

export async function listExecutionArtifacts(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
): Promise<ArtifactRow[]> {
  return db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.organizationId, key.organizationId), eq(artifacts.executionId, key.id)))
    .orderBy(asc(artifacts.createdAt), asc(artifacts.id));
}

export async function getArtifact(
  db: DatabaseOrTransaction,
  params: { organizationId: string; executionId: string; id: string },
): Promise<ArtifactRow | undefined> {
  const [row] = await db
    .select()
    .from(artifacts)
    .where(
      and(
        eq(artifacts.organizationId, params.organizationId),
        eq(artifacts.executionId, params.executionId),
        eq(artifacts.id, params.id),
      ),
    );
  return row;
}

/** The ids of an execution's sessions (sessions_execution_idx). */
export async function listExecutionSessionIds(
  db: DatabaseOrTransaction,
  key: ExecutionKey,
): Promise<string[]> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.organizationId, key.organizationId), eq(sessions.executionId, key.id)));
  return rows.map((row) => row.id);
}

/**
 * Deletes up to `limit` finished executions created before `cutoff` (executions_created_idx), with
 * their results and artifact rows (ON DELETE CASCADE); answers their ids, whose blobs the caller
 * deletes. Running and queued ones stay, however old.
 */
export async function deleteExecutionsBefore(
  db: DatabaseOrTransaction,
  params: { cutoff: Date; limit: number },
): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    DELETE FROM ${executions} WHERE ${executions.id} IN (
      SELECT ${executions.id} FROM ${executions}
      WHERE ${executions.createdAt} < ${params.cutoff.toISOString()}
        AND ${executions.status} IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
      ORDER BY ${executions.createdAt} LIMIT ${params.limit}
    ) RETURNING ${executions.id} AS id`);
  return rows.rows.map((row) => row.id);
}

/** The ids of a job's executions (executions_job_created_idx): whose blobs go when the job goes. */
export async function listJobExecutionIds(
  db: DatabaseOrTransaction,
  key: { organizationId: string; jobId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: executions.id })
    .from(executions)
    .where(and(eq(executions.organizationId, key.organizationId), eq(executions.jobId, key.jobId)));
  return rows.map((row) => row.id);
}
