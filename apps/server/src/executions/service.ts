import { type Blob, type BlobStore, blobKey } from '@fleetwright/blobs';
import type { ExecutionStatus, LogLevel } from '@fleetwright/contracts';
import {
  type ArtifactRow,
  type Database,
  type DatabaseClient,
  deleteExecutionsBefore,
  type ExecutionFilter,
  type ExecutionKey,
  type ExecutionResultRow,
  type ExecutionRow,
  finishExecutionRow,
  getArtifact,
  getExecution,
  listExecutionArtifacts,
  listExecutionResults,
  listExecutions as listExecutionRows,
  listExecutionSessionIds,
  listSessionLogs,
  notifyChannel,
  type SessionLogRow,
  withTransaction,
} from '@fleetwright/db';
import { executionEndEvent, executionPacket } from '@fleetwright/events';
import { cancelQueuedExecution, EXECUTION_CANCEL_CHANNEL, type PgBoss } from '@fleetwright/queue';
import type { AuditActor, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import type { EventPublisher } from '../realtime/events.ts';

export interface ExecutionDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  audit: AuditLog;
  events: EventPublisher;
  blobs: BlobStore;
}

export async function findExecution(
  deps: Pick<ExecutionDeps, 'db'>,
  key: ExecutionKey,
): Promise<ExecutionRow> {
  const row = await getExecution(deps.db, key);
  if (!row) throw new AppError('EXECUTION_NOT_FOUND', `No execution ${key.id}.`);
  return row;
}

export async function listExecutions(
  deps: Pick<ExecutionDeps, 'db'>,
  organizationId: string,
  query: ExecutionFilter & { page: number; pageSize: number },
): Promise<{ rows: ExecutionRow[]; total: number }> {
  const { page, pageSize, ...filter } = query;
  return listExecutionRows(deps.db, { organizationId, filter, page, pageSize });
}

/** The execution with its results and their artifacts. */
export async function findExecutionDetail(
  deps: Pick<ExecutionDeps, 'db'>,
  key: ExecutionKey,
): Promise<{ row: ExecutionRow; results: ExecutionResultRow[]; artifacts: ArtifactRow[] }> {
  const row = await findExecution(deps, key);
  const [results, artifacts] = await Promise.all([
    listExecutionResults(deps.db, key),
    listExecutionArtifacts(deps.db, key),
  ]);
  return { row, results, artifacts };
}

export async function listExecutionResultRows(
  deps: Pick<ExecutionDeps, 'db'>,
  key: ExecutionKey,
): Promise<ExecutionResultRow[]> {
  await findExecution(deps, key);
  return listExecutionResults(deps.db, key);
}

/** An artifact's row and bytes; 404 for an artifact of another execution or organization, or whose blob is gone. */
export async function openArtifact(
  deps: Pick<ExecutionDeps, 'db' | 'blobs'>,
  key: ExecutionKey,
  artifactId: string,
): Promise<{ row: ArtifactRow; blob: Blob }> {
  const row = await getArtifact(deps.db, {
    organizationId: key.organizationId,
    executionId: key.id,
    id: artifactId,
  });
  const blob = row ? await deps.blobs.get(row.blobKey) : null;
  if (!row || !blob)
    throw new AppError('ARTIFACT_NOT_FOUND', `No artifact ${artifactId} in execution ${key.id}.`);
  return { row, blob };
}

/** The log lines of the execution's sessions, newest first. */
export async function listExecutionLogs(
  deps: Pick<ExecutionDeps, 'db'>,
  key: ExecutionKey,
  query: { page: number; pageSize: number; since?: string; level?: LogLevel },
): Promise<{ rows: SessionLogRow[]; total: number }> {
  await findExecution(deps, key);
  const sessionIds = await listExecutionSessionIds(deps.db, key);
  if (sessionIds.length === 0) return { rows: [], total: 0 };
  return listSessionLogs(deps.db, {
    organizationId: key.organizationId,
    sessionId: sessionIds,
    since: query.since ? new Date(query.since) : undefined,
    level: query.level,
    page: query.page,
    pageSize: query.pageSize,
  });
}

const FINISHED: ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/**
 * QUEUED: CANCELLED at once, and its queue job is withdrawn (a worker that claimed it meanwhile
 * finds it CANCELLED and lets go). RUNNING: the worker running it is told (NOTIFY) and aborts,
 * stopping its sessions; the execution turns CANCELLED when they are stopped. Finished: 409.
 */
export async function cancelExecution(
  deps: ExecutionDeps,
  key: ExecutionKey,
  actor: AuditActor,
): Promise<ExecutionRow> {
  const current = await findExecution(deps, key);
  if (FINISHED.includes(current.status)) {
    throw new AppError('EXECUTION_FINISHED', `Execution ${key.id} is ${current.status} already.`);
  }
  const cancelled = await withTransaction(deps.pool, async (tx) => {
    const row = await finishExecutionRow(tx.db, key, {
      from: ['QUEUED'],
      status: 'CANCELLED',
      error: { code: 'CANCELLED', message: 'cancelled before it started' },
      at: new Date(),
    });
    // Not QUEUED (any more): a worker runs it. The NOTIFY leaves at commit, with the audit entry.
    if (!row) {
      await notifyChannel(tx.client, { channel: EXECUTION_CANCEL_CHANNEL, payloads: [key.id] });
    }
    await deps.audit.write(tx.db, actor, {
      action: 'execution.cancelled',
      organizationId: key.organizationId,
      targetType: 'execution',
      targetId: key.id,
      details: { jobId: current.jobId, status: row ? 'QUEUED' : 'RUNNING' },
    });
    return row;
  });
  if (cancelled) {
    await cancelQueuedExecution(deps.boss, key.id);
    const packet = executionPacket(executionEndEvent('CANCELLED'), cancelled);
    deps.events.publish(packet.to, packet.name, packet.payload);
    return cancelled;
  }
  return findExecution(deps, key);
}

/**
 * Deletes finished executions created more than `retentionDays` ago, with their results and
 * artifact rows, then their blobs; in rounds of `batch`. Answers how many went.
 */
export async function sweepExecutions(
  deps: { db: Database; blobs: BlobStore },
  options: { now: Date; retentionDays: number; batch?: number },
): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.retentionDays * 24 * 3600 * 1000);
  const batch = options.batch ?? 500;
  let deleted = 0;
  for (;;) {
    const ids = await deleteExecutionsBefore(deps.db, { cutoff, limit: batch });
    for (const id of ids) await deps.blobs.deletePrefix(blobKey('executions', id));
    deleted += ids.length;
    if (ids.length < batch) return deleted;
  }
}
