import { type Execution, rooms } from '@fleetwright/contracts';
import type { ExecutionRow } from '@fleetwright/db';
import type { SocketPacket } from './socket-packets.ts';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** An execution as the API and the `job.*` events show it (its spec stays inside: it holds a sealed proxy URL). */
export function toExecution(row: ExecutionRow): Execution {
  return {
    id: row.id,
    organizationId: row.organizationId,
    jobId: row.jobId,
    jobName: row.jobName,
    status: row.status,
    trigger: row.trigger,
    attempt: row.attempt,
    scheduledFor: row.scheduledFor.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    durationMs:
      row.startedAt && row.finishedAt
        ? Math.max(0, row.finishedAt.getTime() - row.startedAt.getTime())
        : null,
    progress: { total: row.total, done: row.done, failed: row.failed },
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

export type ExecutionEventName =
  | 'job.started'
  | 'job.progress'
  | 'job.completed'
  | 'job.failed'
  | 'job.cancelled';

/**
 * The event that says how an execution ended. A cancel is someone's choice, not a failure: it has
 * its own event, so a webhook or dashboard listening for failures is not told of one (issue 11).
 */
export function executionEndEvent(status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED'): ExecutionEventName {
  return status === 'SUCCEEDED' ? 'job.completed' : status === 'CANCELLED' ? 'job.cancelled' : 'job.failed';
}

/** `job.*`: the execution as it is now, to its organization's room. */
export function executionPacket(
  name: ExecutionEventName,
  row: ExecutionRow,
): SocketPacket<ExecutionEventName> {
  return {
    name,
    to: [rooms.organization(row.organizationId)],
    payload: { organizationId: row.organizationId, jobId: row.jobId, execution: toExecution(row) },
  };
}
