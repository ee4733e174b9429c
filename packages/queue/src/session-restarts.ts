import type { SessionStatus } from '@fleetwright/contracts';
import { type Transaction, type TransitionResult, transitionSession, withTransaction } from '@fleetwright/db';
import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { enqueueSessionStart } from './session-starts.ts';

/** How a session that failed on its worker comes back (RESTART_LIMIT, RESTART_BACKOFF_MS). */
export interface RestartPolicy {
  /** Restarts a session gets in a row; past it the session stays in ERROR. */
  limit: number;
  /** Delay before the first restart after a crash, milliseconds; it doubles with each further one. */
  backoffMs: number;
}

/**
 * Why a session left its worker:
 * - `crash`: its page or browser died on a live worker;
 * - `failover`: the worker itself went silent (server maintenance).
 */
export type SessionFailureCause = 'crash' | 'failover';

export interface SessionRestart {
  /** The restart's number, 1 for the first; stored as the session's restartCount. */
  attempt: number;
  /** How long the restart job waits before a worker may claim it. */
  delayMs: number;
}

/**
 * The restart a session gets after `restartCount` restarts already, or null once the limit is
 * reached. A crash backs off (RESTART_BACKOFF_MS·2^(n−1)): the same page may crash again right
 * away. A failover restarts at once: the session did nothing wrong, its worker was lost.
 */
export function planRestart(
  policy: RestartPolicy,
  restartCount: number,
  cause: SessionFailureCause,
): SessionRestart | null {
  const attempt = restartCount + 1;
  if (attempt > policy.limit) return null;
  return { attempt, delayMs: cause === 'crash' ? policy.backoffMs * 2 ** (attempt - 1) : 0 };
}

export interface SessionFailure {
  session: { organizationId: string; id: string; restartCount: number };
  cause: SessionFailureCause;
  /** The statuses it may fail from; a session that moved on meanwhile is left alone. */
  from: SessionStatus[];
  /** The worker that held it: the row moves only while it still does. */
  workerId: string;
  /** Stored as lastError. */
  error: string;
}

export interface SessionFailed {
  moved: TransitionResult;
  /** Null when the restart limit is reached: the session stays in ERROR. */
  restart: SessionRestart | null;
}

export interface FailedSession<T> extends SessionFailed {
  /** What `alongside` returned. */
  alongside: T;
}

export interface FailSessionOptions<T> {
  pool: pg.Pool;
  boss: PgBoss;
  policy: RestartPolicy;
  /** More work in the same transaction once the session moved (a log line to keep with it). */
  alongside?: (tx: Transaction, failed: SessionFailed) => Promise<T>;
}

/**
 * The one restart policy of a session that failed on its worker, for the worker's crash handling and
 * the server's failover alike: → ERROR (worker and browser PID released, lastError set, restartCount
 * counted), and while restarts remain a `session-start` job (reason crash/failover) due after the
 * backoff, in the same transaction: never an ERROR that should restart without its job, nor a
 * restart of a session that is not in ERROR. Undefined if the session was not in `from` on
 * `workerId` any more (stopped, taken over, already failed).
 */
export async function failSession<T = undefined>(
  options: FailSessionOptions<T>,
  failure: SessionFailure,
): Promise<FailedSession<T> | undefined> {
  const { session } = failure;
  const restart = planRestart(options.policy, session.restartCount, failure.cause);
  return withTransaction(options.pool, async (tx) => {
    const moved = await transitionSession(tx.db, {
      organizationId: session.organizationId,
      id: session.id,
      from: failure.from,
      to: 'ERROR',
      workerId: failure.workerId,
      set: {
        lastError: failure.error,
        workerId: null,
        browserPid: null,
        ...(restart ? { restartCount: restart.attempt } : {}),
      },
    });
    if (!moved) return undefined;
    if (restart) {
      await enqueueSessionStart(
        options.boss,
        {
          sessionId: session.id,
          organizationId: session.organizationId,
          attempt: restart.attempt,
          reason: failure.cause,
        },
        // Fractional seconds are fine: pg-boss casts the number to a Postgres interval.
        { db: tx.client, startAfterSeconds: restart.delayMs > 0 ? restart.delayMs / 1000 : undefined },
      );
    }
    const alongside = (await options.alongside?.(tx, { moved, restart })) as T;
    return { moved, restart, alongside };
  });
}
