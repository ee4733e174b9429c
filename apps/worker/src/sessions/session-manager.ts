import type { Config } from '@fleetwright/config';
import type { LogLevel, SessionStartJob, SessionStatus } from '@fleetwright/contracts';
import {
  type Database,
  getOrganizationPrivateTargets,
  getSession,
  type SessionKey,
  type SessionRow,
  type TransitionResult,
  updateSession,
} from '@fleetwright/db';
import type { SessionEvents } from '@fleetwright/events';
import type { Logger } from '@fleetwright/logger';
import type { CheckTargetOptions } from '@fleetwright/net-guard';
import { failSession, type PgBoss, restartPolicy } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type pg from 'pg';
import type { BrowserPool } from '../browsers/browser-pool.ts';
import type { WarmContexts } from '../browsers/warm-contexts.ts';
import { isWorkerError, shortMessage, WorkerError } from '../errors.ts';
import type { LogWriter } from './log-writer.ts';
import { Session } from './session.ts';
import { type TransitionParams, transitionAndEmit } from './session-transitions.ts';

export interface SessionManagerOptions {
  workerId: string;
  config: Config;
  capacity: number;
  /** Starts run at once at most (START_CONCURRENCY); the claim loop leaves further jobs queued. */
  startConcurrency: number;
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

/** What the queue does with a `session-start` job once the manager has run it. */
export type StartAnswer =
  /** Done with: RUNNING, failed for good (`output.error`), or aborted by a stop. */
  | { outcome: 'complete'; output?: { error: string } }
  /** This worker could not do its part: fail the job, so pg-boss hands it out again. */
  | { outcome: 'retry'; error: string }
  /** Nothing to start: the session was not claimable (stopped, deleted, started elsewhere). */
  | { outcome: 'skip' };

/** The pg-boss side of a start, as far as the manager needs it. */
export interface StartClaim {
  jobId: string;
  /** pg-boss would hand the job out again if it failed (retryCount < retryLimit). */
  retriesLeft: boolean;
}

const startReasons: Record<SessionStartJob['reason'], string> = {
  start: 'start',
  restart: 'restart',
  crash: 'restart after a crash',
  failover: 'failover from a lost worker',
};

/**
 * The sessions on this worker, and the one owner of their lifecycle: it reserves capacity for a
 * start, claims the session (PENDING, or ERROR for crash/failover restarts → STARTING, with this
 * worker as owner), opens it (launch, page, start URL), moves it to RUNNING; a failed start goes to
 * ERROR (the session's fault) or back to PENDING for another try (this worker's fault); a crash goes
 * to ERROR with a restart (session-restarts.ts in packages/queue); a stop goes through STOPPING to
 * STOPPED. Each transition is a compare-and-set that also checks the session is still ours, and is
 * emitted as an event. The queue adapter (queue/start-job.ts) only turns jobs into `start` calls.
 */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #sessions = new Map<string, Session>();
  readonly #stopping = new Map<string, Promise<SessionStatus>>();
  /** Starts in progress, from reservation to their answer. */
  readonly #starts = new Set<Promise<StartAnswer>>();
  /** Crash handling and other work that shutdown must wait for. */
  readonly #background = new Set<Promise<unknown>>();
  /** Starts that hold capacity but have no session registered yet. */
  #reserved = 0;
  #closing = false;
  #onCapacityFreed: () => void = () => {};

  constructor(options: SessionManagerOptions) {
    this.#options = options;
  }

  /** Sessions on this worker (starting, running or stopping). */
  get size(): number {
    return this.#sessions.size;
  }

  /** Starts this worker can take now; 0 once it is shutting down. */
  freeCapacity(): number {
    if (this.#closing) return 0;
    return Math.max(0, this.#options.capacity - this.#sessions.size - this.#reserved);
  }

  /**
   * Starts this worker may begin now (START_CONCURRENCY minus the starts in progress): the rest of
   * a burst waits in the queue, where another worker with room can take it, instead of this one
   * claiming it all.
   */
  freeStartSlots(): number {
    return Math.max(0, this.#options.startConcurrency - this.#starts.size);
  }

  /** Called whenever capacity or a start slot frees up, so the claim loop fetches at once. */
  whenCapacityFreed(listener: () => void): void {
    this.#onCapacityFreed = listener;
  }

  sessions(): Session[] {
    return [...this.#sessions.values()];
  }

  /** A session on this worker, or SESSION_NOT_ON_WORKER. */
  getSession(sessionId: string): Session {
    const session = this.#sessions.get(sessionId);
    if (!session) throw new WorkerError('SESSION_NOT_ON_WORKER');
    return session;
  }

  /**
   * Runs one start to its end and answers what to do with its job. Capacity is reserved before
   * the first await, so a caller that starts several jobs in one tick never overbooks. A failure
   * of the session itself (unknown device, unreachable page, timeout) ends in ERROR with the reason;
   * a failure of this worker (Chromium did not launch) puts the session back to PENDING and asks
   * for a retry while the job has retries left.
   */
  start(job: SessionStartJob, claim: StartClaim): Promise<StartAnswer> {
    this.#reserved += 1;
    const start = this.#start(job, claim);
    this.#starts.add(start);
    void start
      .finally(() => {
        this.#starts.delete(start);
        // A start slot is free: the next queued job may start.
        this.#onCapacityFreed();
      })
      .catch(() => {});
    return start;
  }

  async #start(job: SessionStartJob, claim: StartClaim): Promise<StartAnswer> {
    let reserved = true;
    const unreserve = () => {
      if (!reserved) return;
      reserved = false;
      this.#reserved -= 1;
    };
    try {
      // Not claimed yet: hand it back (pg-boss retries it in seconds, on another worker).
      if (this.#closing) return { outcome: 'retry', error: 'worker shutting down' };
      const { workerId } = this.#options;
      const from: SessionStatus[] =
        job.reason === 'crash' || job.reason === 'failover' ? ['PENDING', 'ERROR'] : ['PENDING'];
      const reason = startReasons[job.reason];
      const claimed = await this.#transition(
        { organizationId: job.organizationId, id: job.sessionId },
        { from, to: 'STARTING', set: { workerId, browserPid: null }, reason, unowned: true },
      );
      if (!claimed) {
        this.#options.logger.debug(
          { jobId: claim.jobId, sessionId: job.sessionId },
          'session not claimable; job dropped',
        );
        return { outcome: 'skip' };
      }
      const session = this.#createSession(claimed.row, claim.jobId);
      // The start's own log lines (this one, the navigation, the start page's console) are written
      // once it is RUNNING (or has failed), not while they would compete with Chromium for the CPU.
      this.#options.logs.hold(session.id);
      unreserve();
      this.#lifecycle(
        session,
        'info',
        `starting (${reason}${job.attempt > 0 ? `, attempt ${job.attempt}` : ''})`,
        { attempt: job.attempt, reason: job.reason, workerId },
      );
      if (this.#closing) {
        await this.stop(session.id, 'worker shutdown');
        return { outcome: 'complete' };
      }
      return await this.#open(session, claim);
    } finally {
      unreserve();
      // The last start in progress has settled: now the warm contexts taken can be replaced without
      // slowing a start down, nor creating a page alongside one (see WarmContexts.take).
      if (!this.#closing && this.#startsInProgress() === 0) this.#options.warm?.replenish();
    }
  }

  /** Starts not settled yet: reserved, or registered and still opening. */
  #startsInProgress(): number {
    let starting = this.#reserved;
    for (const session of this.#sessions.values()) if (session.state === 'starting') starting += 1;
    return starting;
  }

  async #open(session: Session, claim: StartClaim): Promise<StartAnswer> {
    try {
      await session.open();
    } catch (error) {
      return this.#startFailed(session, claim, error);
    }
    const now = new Date();
    const running = await this.#transition(session, {
      from: ['STARTING'],
      to: 'RUNNING',
      set: {
        browserPid: session.browserPid,
        startedAt: now,
        currentUrl: session.page?.url() ?? session.row.startUrl,
        lastActivityAt: now,
      },
      reason: null,
    });
    if (!running) {
      // Stopped while starting (the stop owns the row) or taken over: just let go.
      await session.close('no longer starting');
      this.#release(session);
      return { outcome: 'complete' };
    }
    session.row = running.row;
    session.markRunning();
    this.#lifecycle(session, 'info', `started at ${running.row.currentUrl}`, {
      browserPid: session.browserPid,
      warmContext: session.warmContext,
    });
    this.#options.logs.release(session.id);
    session.logger.info({ browserPid: session.browserPid }, 'session running');
    // A crash while it was starting is handled now that it is RUNNING.
    if (session.crashReason) this.#track(this.#handleCrash(session, session.crashReason));
    return { outcome: 'complete' };
  }

  async #startFailed(session: Session, claim: StartClaim, error: unknown): Promise<StartAnswer> {
    await session.close('start failed');
    this.#release(session);
    if (isWorkerError(error) && error.code === 'START_ABORTED') return { outcome: 'complete' };
    const message = shortMessage(error);
    if (isWorkerError(error) && error.retryable && claim.retriesLeft && !this.#closing) {
      session.logger.warn({ err: error }, 'start failed on this worker; the job goes back to the queue');
      const back = await this.#transition(session, {
        from: ['STARTING'],
        to: 'PENDING',
        set: { workerId: null, browserPid: null },
        reason: message,
      });
      if (back) this.#lifecycle(session, 'warn', `start failed on this worker, retrying: ${message}`);
      return { outcome: 'retry', error: message };
    }
    if (!(error instanceof WorkerError)) session.logger.error({ err: error }, 'start failed unexpectedly');
    else session.logger.info({ reason: message }, 'start failed');
    const moved = await this.#transition(session, {
      from: ['STARTING'],
      to: 'ERROR',
      set: { lastError: message, workerId: null, browserPid: null },
      reason: message,
    });
    if (moved) this.#lifecycle(session, 'error', `start failed: ${message}`);
    return { outcome: 'complete', output: { error: message } };
  }

  /** Creates and registers a session this worker just moved to STARTING. */
  #createSession(row: SessionRow, jobId: string): Session {
    const options = this.#options;
    const session: Session = new Session({
      row,
      config: options.config,
      keyring: options.keyring,
      pool: options.browsers,
      logger: options.logger.child({ sessionId: row.id, jobId }),
      targetGuard: options.targetGuard,
      loadPrivateTargets: () => getOrganizationPrivateTargets(options.db, row.organizationId),
      warm: options.warm,
      hooks: {
        log: (line) => options.logs.write({ ...line, sessionId: row.id, organizationId: row.organizationId }),
        urlChanged: (url) => this.#recordUrl(session, url),
        crashed: (reason) => this.#track(this.#handleCrash(session, reason)),
      },
    });
    this.#sessions.set(row.id, session);
    return session;
  }

  /** Forgets a session (closed); frees its capacity. */
  #release(session: Session): void {
    if (this.#sessions.get(session.id) === session) this.#sessions.delete(session.id);
    this.#options.logs.forget(session.id);
    this.#onCapacityFreed();
  }

  #lifecycle(
    session: { id: string; organizationId: string },
    level: LogLevel,
    message: string,
    data?: Record<string, unknown>,
  ): void {
    this.#options.logs.write({
      sessionId: session.id,
      organizationId: session.organizationId,
      level,
      source: 'lifecycle',
      message,
      data: data ?? null,
    });
  }

  #transition(key: SessionKey, params: TransitionParams): Promise<TransitionResult | undefined> {
    return transitionAndEmit(this.#options, key, params);
  }

  #recordUrl(session: Session, url: string): void {
    const at = new Date();
    this.#options.events.urlChanged(session, url, at);
    updateSession(this.#options.db, session, { currentUrl: url, lastActivityAt: at }).catch(
      (error: unknown) => session.logger.warn({ err: error }, 'could not record the current URL'),
    );
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#background.add(work);
    void work.finally(() => this.#background.delete(work)).catch(() => {});
    return work;
  }

  /** Page or browser died: RUNNING → ERROR and a restart, by the one restart policy (failSession). */
  async #handleCrash(session: Session, reason: string): Promise<void> {
    if (session.state === 'starting') {
      // open() fails on its own, or the start reaches RUNNING and handles the crash then.
      session.crashReason = reason;
      return;
    }
    if (session.state !== 'running') return;
    const { config, pool, boss, workerId } = this.#options;
    session.logger.warn({ reason }, 'session crashed');
    const closed = session.close('crash');
    this.#lifecycle(session, 'error', `crashed: ${reason}`);
    try {
      const failed = await failSession(
        { pool, boss, policy: restartPolicy(config) },
        { session: session.row, cause: 'crash', from: ['RUNNING'], workerId, error: reason },
      );
      if (failed) {
        this.#options.events.status(failed.moved.row, failed.moved.previousStatus, reason);
        const { restart } = failed;
        if (restart)
          this.#lifecycle(session, 'warn', `restart attempt ${restart.attempt} in ${restart.delayMs} ms`, {
            attempt: restart.attempt,
            delayMs: restart.delayMs,
          });
        else {
          this.#lifecycle(session, 'error', failed.moved.row.lastError ?? 'restart limit reached');
        }
      }
    } catch (error) {
      session.logger.error({ err: error }, 'could not record the crash');
    }
    await closed;
    this.#release(session);
  }

  /**
   * RUNNING|STARTING → STOPPING, close the browser side, → STOPPED. Concurrent stops of one session
   * share the same work. SESSION_NOT_ON_WORKER for a session this worker does not have.
   */
  stop(sessionId: string, reason: string): Promise<SessionStatus> {
    const session = this.getSession(sessionId);
    const pending = this.#stopping.get(sessionId);
    if (pending) return pending;
    const stopping = this.#track(this.#stop(session, reason)).finally(() => this.#stopping.delete(sessionId));
    this.#stopping.set(sessionId, stopping);
    return stopping;
  }

  async #stop(session: Session, reason: string): Promise<SessionStatus> {
    const moved = await this.#transition(session, { from: ['RUNNING', 'STARTING'], to: 'STOPPING', reason });
    await session.close(reason);
    this.#release(session);
    if (!moved) {
      // Not ours to move (it crashed meanwhile, was taken over, or the server stopped it): report
      // where it is, so the caller can finish the job (e.g. cancel a pending restart).
      const current = await getSession(this.#options.db, session).catch(() => undefined);
      return current?.status ?? 'STOPPED';
    }
    const stopped = await this.#transition(session, {
      from: ['STOPPING'],
      to: 'STOPPED',
      set: { workerId: null, browserPid: null, stoppedAt: new Date() },
      reason,
    });
    this.#lifecycle(session, 'info', `stopped (${reason})`);
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
        this.#release(session);
      }),
    );
  }

  /**
   * Takes no more starts, stops every session (→ STOPPED) and waits for the starts and crash
   * handling in flight; a start that registers its session meanwhile is stopped in the next round.
   */
  async stopAll(reason: string): Promise<void> {
    this.#closing = true;
    for (
      let round = 0;
      round < 5 && (this.#sessions.size > 0 || this.#starts.size > 0 || this.#background.size > 0);
      round += 1
    ) {
      await Promise.allSettled(this.sessions().map((session) => this.stop(session.id, reason)));
      await Promise.allSettled([...this.#starts]);
      await Promise.allSettled([...this.#background]);
    }
  }
}
