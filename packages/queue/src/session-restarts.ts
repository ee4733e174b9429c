import type { SessionStatus } from '@fleetwright/contracts';
import { type Transaction, type TransitionResult, transitionSession, withTransaction } from '@fleetwright/db';
import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { enqueueSessionStart } from './session-starts.ts';

/** How a session that failed on its worker comes back (RESTART_LIMIT, RESTART_BACKOFF_MS, RESTART_WINDOW_MS). */
export interface RestartPolicy {
  /** Restarts after crashes a session gets within `windowMs` of running; past it the session stays in ERROR. */
  limit: number;
  /** Delay before the first restart after a crash, milliseconds; it doubles with each further one. */
  backoffMs: number;
  /**
   * A session that ran this long (ms, since it last reached RUNNING) before it failed ran healthily:
   * its earlier crashes are forgotten and it gets its full allowance (and the shortest backoff) again.
   */
  windowMs: number;
}

/** The policy as configured (packages/config). */
export function restartPolicy(config: {
  RESTART_LIMIT: number;
  RESTART_BACKOFF_MS: number;
  RESTART_WINDOW_MS: number;
}): RestartPolicy {
  return {
    limit: config.RESTART_LIMIT,
    backoffMs: config.RESTART_BACKOFF_MS,
    windowMs: config.RESTART_WINDOW_MS,
  };
}

/**
 * Why a session left its worker:
 * - `crash`: its page or browser died on a live worker;
 * - `failover`: the worker itself was lost (server maintenance).
 */
export type SessionFailureCause = 'crash' | 'failover';

/** What the policy reads of a session: its crashes so far and since when it runs. */
export interface RestartHistory {
  /** Crash restarts counted so far (the session's restartCount). */
  restartCount: number;
  /** When it last reached RUNNING; null if it never did. */
  startedAt: Date | null;
}

export interface SessionRestart {
  /** Crash restarts counted once this one is done, stored as the session's restartCount. */
  attempt: number;
  /** How long the restart job waits before a worker may claim it. */
  delayMs: number;
}

/**
 * The restart a session gets, or null once its crash allowance is used up. Crashes count only while
 * they come within `windowMs` of the session's last start: one that ran healthily longer starts
 * again from a clean slate. A crash backs off (RESTART_BACKOFF_MS·2^(n−1)): the same page may crash
 * again right away. A failover restarts at once and counts nothing: the session did nothing wrong,
 * its worker was lost.
 */
export function planRestart(
  policy: RestartPolicy,
  history: RestartHistory,
  cause: SessionFailureCause,
  now: Date = new Date(),
): SessionRestart | null {
  const ranHealthily =
    history.startedAt !== null && now.getTime() - history.startedAt.getTime() >= policy.windowMs;
  const crashes = ranHealthily ? 0 : history.restartCount;
  if (cause === 'failover') return { attempt: crashes, delayMs: 0 };
  const attempt = crashes + 1;
  if (attempt > policy.limit) return null;
  return { attempt, delayMs: policy.backoffMs * 2 ** (attempt - 1) };
}

/** lastError of a session left in ERROR because its crashes used up the restart allowance. */
export function restartLimitError(error: string, policy: RestartPolicy): string {
  return `${error}; restart limit of ${policy.limit} reached (each crash came within ${formatWindow(policy.windowMs)} of its start), the session stays in ERROR`;
}

function formatWindow(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

export interface SessionFailure {
  session: { organizationId: string; id: string } & RestartHistory;
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
  /** Null when the restart limit is reached: the session stays in ERROR, its lastError says so. */
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
 * the server's failover alike: → ERROR (worker and browser PID released, lastError set, crash restarts
 * counted by planRestart), and while restarts remain a `session-start` job (reason crash/failover) due after the
 * backoff, in the same transaction: never an ERROR that should restart without its job, nor a
 * restart of a session that is not in ERROR. Undefined if the session was not in `from` on
 * `workerId` any more (stopped, taken over, already failed).
 */
export async function failSession<T = undefined>(
  options: FailSessionOptions<T>,
  failure: SessionFailure,
): Promise<FailedSession<T> | undefined> {
  const { session } = failure;
  const restart = planRestart(options.policy, session, failure.cause);
  return withTransaction(options.pool, async (tx) => {
    const moved = await transitionSession(tx.db, {
      organizationId: session.organizationId,
      id: session.id,
      from: failure.from,
      to: 'ERROR',
      workerId: failure.workerId,
      set: {
        lastError: restart ? failure.error : restartLimitError(failure.error, options.policy),
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
