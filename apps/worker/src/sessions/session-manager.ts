import type { Config } from '@fleetwright/config';
import {
  isRotatableProxy,
  type LogLevel,
  type ProxyCheckErrorCode,
  type SessionStartJob,
  type SessionStatus,
} from '@fleetwright/contracts';
import {
  type Database,
  getOrganizationPrivateTargets,
  getProfileState,
  getSession,
  recordProxyFailure,
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
import { isPlaywrightTimeout, isWorkerError, shortMessage, WorkerError } from '../errors.ts';
import { geoOfCountry } from '../proxies/proxy-geo.ts';
import { proxyFailureOf, resolveSessionProxy } from '../proxies/session-proxy.ts';
import { loadSessionScript } from '../scripts/session-script.ts';
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
  /** Length of a minute of `proxyRotation.everyMinutes`, ms (tests shorten it). @default 60000 */
  rotationMinuteMs?: number;
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

/** Proxies a start may try before it gives up (the first one and this many rotations after it). */
const MAX_PROXY_ROTATIONS_PER_START = 3;

/**
 * What a failed load counts against the session's pool proxy, or null when it is not a failure to
 * rotate on: the guard refusing a private target (HTTP 403 from the guard) is the page's doing, and
 * a stop is nobody's failure. Anything else that failed a load is, as issue 10 puts it, "a proxy
 * error or failed navigation": a proxy-specific code when Chromium or the guard says which.
 */
function proxyBlameOf(error: unknown): ProxyCheckErrorCode | null {
  if (!isWorkerError(error)) return null;
  if (!['START_FAILED', 'NAVIGATION_FAILED', 'COMMAND_TIMEOUT'].includes(error.code)) return null;
  if (/HTTP 403 from the egress guard/.test(error.message)) return null;
  const cause = error.cause;
  return (
    proxyFailureOf(error) ??
    (error.code === 'COMMAND_TIMEOUT' || isPlaywrightTimeout(cause) ? 'TIMEOUT' : 'PROXY_ERROR')
  );
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
  /** Sessions whose proxy is being rotated while running: one rotation at a time. */
  readonly #rotating = new Set<string>();
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

  /**
   * Opens the session behind its pool proxy, if it draws from the pool; a load that fails because
   * of the proxy rotates to the next one (when the session rotates on failure) and opens again, up
   * to MAX_PROXY_ROTATIONS_PER_START times. `exclude`: pool proxies this start already left.
   */
  async #open(
    session: Session,
    claim: StartClaim,
    exclude: string[] = [],
    options: { keepIfAlone?: boolean } = {},
  ): Promise<StartAnswer> {
    try {
      await this.#loadPageScript(session);
      await this.#usePoolProxy(session, exclude, options.keepIfAlone ?? false);
      await session.open();
    } catch (error) {
      const next = await this.#rotateAfterFailedStart(session, claim, error, exclude);
      if (next) return this.#open(next.session, claim, next.exclude);
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
    this.#scheduleRotation(session);
    // A crash while it was starting is handled now that it is RUNNING.
    if (session.crashReason) this.#track(this.#handleCrash(session, session.crashReason));
    return { outcome: 'complete' };
  }

  /** Reads the page script of this start: a saved script's pinned version, or its latest now. */
  async #loadPageScript(session: Session): Promise<void> {
    const { script, missing } = await loadSessionScript(this.#options.db, session.row);
    session.pageScript = script;
    if (missing) this.#lifecycle(session, 'warn', `runs without its page script: ${missing}`, {});
  }

  /**
   * Resolves the session's pool proxy (and geoFromProxy's locale and time zone) before it opens.
   * `keepIfAlone`: when no proxy but the excluded ones fits, take one of those anyway (a timed
   * rotation with a single candidate keeps its proxy rather than failing the session).
   */
  async #usePoolProxy(session: Session, exclude: string[], keepIfAlone: boolean): Promise<void> {
    const { db, keyring } = this.#options;
    const resolved = await resolveSessionProxy(db, keyring, session.row, exclude).catch((error: unknown) => {
      const noneLeft =
        isWorkerError(error) && (error.code === 'NO_HEALTHY_PROXY' || error.code === 'NO_PROXY_IN_COUNTRY');
      if (keepIfAlone && noneLeft && exclude.length > 0) return resolveSessionProxy(db, keyring, session.row);
      throw error;
    });
    if (!resolved) return;
    const { country, display } = resolved.pool;
    let row = resolved.row;
    if (row.geoFromProxy) {
      // A provider's exit is in the country the session asked for; a pool proxy's where it was located.
      const geo = geoOfCountry(country);
      // In memory only: the session's own locale and time zone stay as the user set them.
      if (geo) row = { ...row, locale: geo.locale, timezone: geo.timezone };
      else
        this.#lifecycle(session, 'warn', `the proxy's country is unknown: locale and time zone left as set`);
    }
    session.row = row;
    session.poolProxy = resolved.pool;
    this.#lifecycle(session, 'info', `using proxy ${display}${country ? ` (${country})` : ''}`, {
      ...(resolved.pool.proxy ? { proxyId: resolved.pool.proxy.id } : { providerId: row.proxyProviderId }),
      country,
      ...(row.geoFromProxy ? { locale: row.locale, timezone: row.timezone } : {}),
    });
  }

  /** Whether the session moves to the next pool proxy (a provider's next exit) when its proxy fails. */
  #rotatesOnFailure(session: Session): boolean {
    return (
      session.poolProxy !== null && isRotatableProxy(session.row.proxy) && session.row.proxyRotation.onFailure
    );
  }

  /**
   * A start whose load failed because of its pool proxy: the failure is counted against that proxy
   * (consecutive_failures and a failed check), the session closes and a new one, same row, opens
   * behind the next proxy. Null when the session does not rotate, or has tried enough proxies.
   */
  async #rotateAfterFailedStart(
    session: Session,
    claim: StartClaim,
    error: unknown,
    exclude: string[],
  ): Promise<{ session: Session; exclude: string[] } | null> {
    const pool = session.poolProxy;
    if (!pool || !this.#rotatesOnFailure(session) || session.state !== 'starting') return null;
    const blame = proxyBlameOf(error);
    if (!blame) return null;
    await this.#countProxyFailure(session, blame, error);
    if (exclude.length + 1 > MAX_PROXY_ROTATIONS_PER_START) return null;
    await session.close('proxy failed');
    if (this.#sessions.get(session.id) !== session || this.#closing) return null;
    this.#lifecycle(session, 'warn', `proxy ${pool.display} failed (${blame}); rotating to the next proxy`, {
      ...(pool.proxy ? { proxyId: pool.proxy.id } : {}),
      error: blame,
    });
    const next = this.#createSession(session.row, claim.jobId);
    return { session: next, exclude: [...exclude, pool.id] };
  }

  async #countProxyFailure(session: Session, blame: ProxyCheckErrorCode, error: unknown): Promise<void> {
    const pool = session.poolProxy;
    session.logger.info({ proxy: pool?.display, code: blame, reason: shortMessage(error) }, 'proxy failed');
    // A provider's exit has no row in the pool to count against: the rotation takes a new exit.
    if (!pool?.proxy) return;
    await recordProxyFailure(this.#options.db, {
      organizationId: session.organizationId,
      proxyId: pool.proxy.id,
      error: blame,
    }).catch((failure: unknown) =>
      session.logger.warn({ err: failure }, 'could not count the proxy failure'),
    );
  }

  /** `proxyRotation.everyMinutes`: a timer that rotates a running session to the next proxy. */
  #scheduleRotation(session: Session): void {
    const minutes = session.row.proxyRotation.everyMinutes;
    if (!minutes || !session.poolProxy || !isRotatableProxy(session.row.proxy)) return;
    session.rotationTimer = setTimeout(
      () => void this.#track(this.#rotateRunning(session, `every ${minutes} min`, null)),
      minutes * (this.#options.rotationMinuteMs ?? 60_000),
    );
    session.rotationTimer.unref();
  }

  /** A running session's navigation failed: rotate when it rotates on failure and the proxy is to blame. */
  #navigationFailed(session: Session, error: unknown): void {
    if (session.state !== 'running' || !this.#rotatesOnFailure(session)) return;
    const blame = proxyBlameOf(error);
    if (!blame) return;
    void this.#track(this.#rotateRunning(session, `navigation failed (${blame})`, { blame, error }));
  }

  /**
   * Moves a running session to the next pool proxy: RUNNING → STARTING (the event says why), the
   * failure counted against the old proxy if there is one, the context closed, and a new one opened
   * behind the next proxy (→ RUNNING at the start URL, or ERROR when none fits).
   */
  async #rotateRunning(
    session: Session,
    why: string,
    failure: { blame: ProxyCheckErrorCode; error: unknown } | null,
  ): Promise<void> {
    const pool = session.poolProxy;
    if (
      !pool ||
      session.state !== 'running' ||
      this.#rotating.has(session.id) ||
      this.#stopping.has(session.id)
    )
      return;
    this.#rotating.add(session.id);
    try {
      const reason = `proxy rotation: ${why}`;
      const moved = await this.#transition(session, { from: ['RUNNING'], to: 'STARTING', reason });
      if (!moved) return;
      if (failure) await this.#countProxyFailure(session, failure.blame, failure.error);
      this.#lifecycle(session, 'warn', `leaving proxy ${pool.display}: ${why}`, {
        ...(pool.proxy ? { proxyId: pool.proxy.id } : {}),
        ...(failure ? { error: failure.blame } : {}),
      });
      await session.close('proxy rotation');
      if (this.#sessions.get(session.id) !== session) return;
      const next = this.#createSession(moved.row, 'proxy-rotation');
      this.#options.logs.hold(next.id);
      await this.#open(next, { jobId: 'proxy-rotation', retriesLeft: false }, [pool.id], {
        keepIfAlone: failure === null,
      });
    } catch (error) {
      session.logger.error({ err: error }, 'proxy rotation failed');
    } finally {
      this.#rotating.delete(session.id);
    }
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
      loadProfileState: async (profileId) =>
        (await getProfileState(options.db, { organizationId: row.organizationId, id: profileId }))?.state,
      warm: options.warm,
      hooks: {
        log: (line) => options.logs.write({ ...line, sessionId: row.id, organizationId: row.organizationId }),
        urlChanged: (url) => this.#recordUrl(session, url),
        crashed: (reason) => this.#track(this.#handleCrash(session, reason)),
        navigationFailed: (error) => this.#navigationFailed(session, error),
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
