import type { Config } from '@fleetwright/config';
import { type LogLevel, type SessionStatus, toStatusEvent } from '@fleetwright/contracts';
import {
  type Database,
  getSession,
  type NewSessionRow,
  type SessionKey,
  type SessionRow,
  type TransitionResult,
  transitionSession,
  updateSession,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { CheckTargetOptions } from '@fleetwright/net-guard';
import { failSession, type PgBoss } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type pg from 'pg';
import type { BrowserPool } from '../browsers/browser-pool.ts';
import type { WarmContexts } from '../browsers/warm-contexts.ts';
import { WorkerError } from '../errors.ts';
import type { LogWriter } from './log-writer.ts';
import { Session } from './session.ts';
import type { SessionEvents } from './session-events.ts';

export interface SessionManagerOptions {
  workerId: string;
  config: Config;
  capacity: number;
  db: Database;
  pool: pg.Pool;
  boss: PgBoss;
  browsers: BrowserPool;
  logs: LogWriter;
  events: SessionEvents;
  /** Decrypts session secrets (the proxy URL). */
  keyring: Keyring;
  logger: Logger;
  /** How the sessions' egress proxies resolve and classify addresses (tests inject these). */
  targetGuard?: Pick<CheckTargetOptions, 'resolve' | 'classify'>;
  /** Contexts opened ahead of time for sessions with default settings; refilled after each start. */
  warm?: WarmContexts;
}

/** Session statuses in which a worker holds the session. */
export const HELD_STATUSES: SessionStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * The sessions running on this worker and every status transition the worker makes for them:
 * STARTING → RUNNING, → STOPPING → STOPPED, crash → ERROR (+ a delayed restart job). Each
 * transition is a compare-and-set (transitionSession) that also checks the session is still ours,
 * and is emitted as an event. The start itself is in start-job.ts.
 */
export class SessionManager {
  readonly options: SessionManagerOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #stopping = new Map<string, Promise<SessionStatus>>();
  /** Crash handling and other work that shutdown must wait for. */
  readonly #background = new Set<Promise<unknown>>();
  /** Jobs claimed (or being claimed) whose session is not registered yet. */
  reserved = 0;
  closing = false;
  /** Called when capacity frees up, so the claim loop fetches at once. */
  onCapacityFreed: () => void = () => {};

  constructor(options: SessionManagerOptions) {
    this.options = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  freeCapacity(): number {
    if (this.closing) return 0;
    return Math.max(0, this.options.capacity - this.#sessions.size - this.reserved);
  }

  /** Starts claimed and not yet settled (RUNNING, or failed). */
  startsInProgress(): number {
    let starting = this.reserved;
    for (const session of this.#sessions.values()) if (session.state === 'starting') starting += 1;
    return starting;
  }

  sessions(): Session[] {
    return [...this.#sessions.values()];
  }

  /** The session of a session on this worker, or SESSION_NOT_ON_WORKER. */
  getSession(sessionId: string): Session {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new WorkerError('SESSION_NOT_ON_WORKER');
    return session;
  }

  /** Creates and registers the session of a session this worker just moved to STARTING. */
  createSession(row: SessionRow, jobId: string): Session {
    const logger = this.options.logger.child({ sessionId: row.id, jobId });
    const session: Session = new Session({
      row,
      config: this.options.config,
      keyring: this.options.keyring,
      pool: this.options.browsers,
      logger,
      targetGuard: this.options.targetGuard,
      warm: this.options.warm,
      hooks: {
        log: (line) =>
          this.options.logs.write({ ...line, sessionId: row.id, organizationId: row.organizationId }),
        urlChanged: (url) => this.#recordUrl(session, url),
        crashed: (reason) => this.#track(this.handleCrash(session, reason)),
      },
    });
    this.#sessions.set(row.id, session);
    return session;
  }

  /** Forgets a session (closed); frees its capacity. */
  release(session: Session): void {
    if (this.#sessions.get(session.id) === session) this.#sessions.delete(session.id);
    this.options.logs.forget(session.id);
    this.onCapacityFreed();
  }

  lifecycle(
    session: { id: string; organizationId: string },
    level: LogLevel,
    message: string,
    data?: Record<string, unknown>,
  ): void {
    this.options.logs.write({
      sessionId: session.id,
      organizationId: session.organizationId,
      level,
      source: 'lifecycle',
      message,
      data: data ?? null,
    });
  }

  /**
   * Compare-and-set transition, emitted as an event. Limited to sessions this worker holds, except
   * the claim (`unowned`), when the session has no worker yet. When the event is known before the
   * update (one possible previous status, a known owner), the update statement itself sends it.
   */
  async transition(
    key: SessionKey,
    params: {
      from: SessionStatus[];
      to: SessionStatus;
      set?: Partial<NewSessionRow>;
      reason: string | null;
      unowned?: boolean;
    },
  ): Promise<TransitionResult | undefined> {
    const at = new Date();
    const set = params.set ?? {};
    const workerId = 'workerId' in set ? set.workerId : params.unowned ? undefined : this.options.workerId;
    const notify =
      params.from.length === 1 && workerId !== undefined
        ? this.options.events.statusNotify(
            toStatusEvent(
              { ...key, status: params.to, workerId, updatedAt: at },
              params.from[0]!,
              params.reason,
            ),
          )
        : undefined;
    const moved = await transitionSession(this.options.db, {
      organizationId: key.organizationId,
      id: key.id,
      from: params.from,
      to: params.to,
      set,
      at,
      notify,
      ...(params.unowned ? {} : { workerId: this.options.workerId }),
    });
    if (moved && !notify) this.options.events.status(moved.row, moved.previousStatus, params.reason);
    return moved;
  }

  #recordUrl(session: Session, url: string): void {
    const at = new Date();
    this.options.events.urlChanged(session, url, at);
    updateSession(this.options.db, session, { currentUrl: url, lastActivityAt: at }).catch((error: unknown) =>
      session.logger.warn({ err: error }, 'could not record the current URL'),
    );
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#background.add(work);
    void work.finally(() => this.#background.delete(work)).catch(() => {});
    return work;
  }

  /** Page or browser died: RUNNING → ERROR and a restart, by the one restart policy (failSession). */
  async handleCrash(session: Session, reason: string): Promise<void> {
    if (session.state === 'starting') {
      // open() fails on its own, or the start completes and finds the crash (start-job.ts).
      session.crashReason = reason;
      return;
    }
    if (session.state !== 'running') return;
    const { config, pool, boss, workerId } = this.options;
    session.logger.warn({ reason }, 'session crashed');
    const closed = session.close('crash');
    this.lifecycle(session, 'error', `crashed: ${reason}`);
    try {
      const failed = await failSession(
        { pool, boss, policy: { limit: config.RESTART_LIMIT, backoffMs: config.RESTART_BACKOFF_MS } },
        { session: session.row, cause: 'crash', from: ['RUNNING'], workerId, error: reason },
      );
      if (failed) {
        this.options.events.status(failed.moved.row, failed.moved.previousStatus, reason);
        const { restart } = failed;
        if (restart)
          this.lifecycle(session, 'warn', `restart attempt ${restart.attempt} in ${restart.delayMs} ms`, {
            attempt: restart.attempt,
            delayMs: restart.delayMs,
          });
        else {
          this.lifecycle(
            session,
            'error',
            `restart limit reached (${config.RESTART_LIMIT}); the session stays in ERROR`,
          );
        }
      }
    } catch (error) {
      session.logger.error({ err: error }, 'could not record the crash');
    }
    await closed;
    this.release(session);
  }

  /**
   * RUNNING|STARTING → STOPPING, close the browser side, → STOPPED. Concurrent stops of one session
   * share the same work.
   */
  stopSession(sessionId: string, reason: string): Promise<SessionStatus> {
    const session = this.getSession(sessionId);
    const pending = this.#stopping.get(sessionId);
    if (pending) return pending;
    const stopping = this.#track(this.#stop(session, reason)).finally(() => this.#stopping.delete(sessionId));
    this.#stopping.set(sessionId, stopping);
    return stopping;
  }

  async #stop(session: Session, reason: string): Promise<SessionStatus> {
    const moved = await this.transition(session, { from: ['RUNNING', 'STARTING'], to: 'STOPPING', reason });
    await session.close(reason);
    this.release(session);
    if (!moved) {
      // Not ours to move (it crashed meanwhile, was taken over, or the server stopped it): report
      // where it is, so the caller can finish the job (e.g. cancel a pending restart).
      const current = await getSession(this.options.db, session).catch(() => undefined);
      return current?.status ?? 'STOPPED';
    }
    const stopped = await this.transition(session, {
      from: ['STOPPING'],
      to: 'STOPPED',
      set: { workerId: null, browserPid: null, stoppedAt: new Date() },
      reason,
    });
    this.lifecycle(session, 'info', `stopped (${reason})`);
    session.logger.info({ reason }, 'session stopped');
    return stopped?.row.status ?? 'STOPPED';
  }

  /**
   * Closes, without touching the database, the sessions whose rows say this worker no longer holds
   * them (the server declared the worker dead and failed them over, or stopped them itself).
   */
  async dropLost(heldIds: Set<string>): Promise<void> {
    const lost = this.sessions().filter((session) => session.state === 'running' && !heldIds.has(session.id));
    await Promise.all(
      lost.map(async (session) => {
        session.logger.warn('the session is no longer held by this worker; closing it here');
        await session.close('no longer held by this worker');
        this.release(session);
      }),
    );
  }

  /** Stops every session (→ STOPPED) and waits for starts and crash handling in flight. */
  async stopAll(reason: string, waitForStarts: () => Promise<void>): Promise<void> {
    this.closing = true;
    for (let round = 0; round < 5 && (this.#sessions.size > 0 || this.#background.size > 0); round += 1) {
      await Promise.allSettled(this.sessions().map((session) => this.stopSession(session.id, reason)));
      await waitForStarts();
      await Promise.allSettled([...this.#background]);
    }
  }
}
