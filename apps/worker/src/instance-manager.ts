import type { Config } from '@fleetwright/config';
import { type InstanceStatus, type LogLevel, toStatusEvent } from '@fleetwright/contracts';
import {
  type Database,
  getInstance,
  type InstanceKey,
  type InstanceRow,
  type NewInstanceRow,
  type TransitionResult,
  transitionInstance,
  updateInstance,
  withTransaction,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { CheckTargetOptions } from '@fleetwright/net-guard';
import { enqueueInstanceStart, type PgBoss } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type pg from 'pg';
import type { BrowserPool } from './browser-pool.ts';
import { WorkerError } from './errors.ts';
import type { InstanceEvents } from './instance-events.ts';
import { InstanceSession } from './instance-session.ts';
import type { LogWriter } from './log-writer.ts';
import type { WarmContexts } from './warm-contexts.ts';

export interface InstanceManagerOptions {
  workerId: string;
  config: Config;
  capacity: number;
  db: Database;
  pool: pg.Pool;
  boss: PgBoss;
  browsers: BrowserPool;
  logs: LogWriter;
  events: InstanceEvents;
  /** Decrypts instance secrets (the proxy URL). */
  keyring: Keyring;
  logger: Logger;
  /** How the sessions' egress proxies resolve and classify addresses (tests inject these). */
  targetGuard?: Pick<CheckTargetOptions, 'resolve' | 'classify'>;
  /** Contexts opened ahead of time for instances with default settings; refilled after each start. */
  warm?: WarmContexts;
}

/** Instance statuses in which a worker holds the instance. */
export const HELD_STATUSES: InstanceStatus[] = ['STARTING', 'RUNNING', 'STOPPING'];

/**
 * The instances running on this worker and every status transition the worker makes for them:
 * STARTING → RUNNING, → STOPPING → STOPPED, crash → ERROR (+ a delayed restart job). Each
 * transition is a compare-and-set (transitionInstance) that also checks the instance is still ours,
 * and is emitted as an event. The start itself is in start-job.ts.
 */
export class InstanceManager {
  readonly options: InstanceManagerOptions;
  readonly #sessions = new Map<string, InstanceSession>();
  readonly #stopping = new Map<string, Promise<InstanceStatus>>();
  /** Crash handling and other work that shutdown must wait for. */
  readonly #background = new Set<Promise<unknown>>();
  /** Jobs claimed (or being claimed) whose session is not registered yet. */
  reserved = 0;
  closing = false;
  /** Called when capacity frees up, so the claim loop fetches at once. */
  onCapacityFreed: () => void = () => {};

  constructor(options: InstanceManagerOptions) {
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

  sessions(): InstanceSession[] {
    return [...this.#sessions.values()];
  }

  /** The session of an instance on this worker, or INSTANCE_NOT_ON_WORKER. */
  getSession(instanceId: string): InstanceSession {
    const session = this.#sessions.get(instanceId);
    if (!session) throw new WorkerError('INSTANCE_NOT_ON_WORKER');
    return session;
  }

  /** Creates and registers the session of an instance this worker just moved to STARTING. */
  createSession(row: InstanceRow, jobId: string): InstanceSession {
    const logger = this.options.logger.child({ instanceId: row.id, jobId });
    const session: InstanceSession = new InstanceSession({
      row,
      config: this.options.config,
      keyring: this.options.keyring,
      pool: this.options.browsers,
      logger,
      targetGuard: this.options.targetGuard,
      warm: this.options.warm,
      hooks: {
        log: (line) =>
          this.options.logs.write({ ...line, instanceId: row.id, organizationId: row.organizationId }),
        urlChanged: (url) => this.#recordUrl(session, url),
        crashed: (reason) => this.#track(this.handleCrash(session, reason)),
      },
    });
    this.#sessions.set(row.id, session);
    return session;
  }

  /** Forgets a session (closed); frees its capacity. */
  release(session: InstanceSession): void {
    if (this.#sessions.get(session.id) === session) this.#sessions.delete(session.id);
    this.options.logs.forget(session.id);
    this.onCapacityFreed();
  }

  lifecycle(
    instance: { id: string; organizationId: string },
    level: LogLevel,
    message: string,
    data?: Record<string, unknown>,
  ): void {
    this.options.logs.write({
      instanceId: instance.id,
      organizationId: instance.organizationId,
      level,
      source: 'lifecycle',
      message,
      data: data ?? null,
    });
  }

  /**
   * Compare-and-set transition, emitted as an event. Limited to instances this worker holds, except
   * the claim (`unowned`), when the instance has no worker yet. When the event is known before the
   * update (one possible previous status, a known owner), the update statement itself sends it.
   */
  async transition(
    key: InstanceKey,
    params: {
      from: InstanceStatus[];
      to: InstanceStatus;
      set?: Partial<NewInstanceRow>;
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
    const moved = await transitionInstance(this.options.db, {
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

  #recordUrl(session: InstanceSession, url: string): void {
    const at = new Date();
    this.options.events.urlChanged(session, url, at);
    updateInstance(this.options.db, session, { currentUrl: url, lastActivityAt: at }).catch(
      (error: unknown) => session.logger.warn({ err: error }, 'could not record the current URL'),
    );
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#background.add(work);
    void work.finally(() => this.#background.delete(work)).catch(() => {});
    return work;
  }

  /**
   * Page or browser died: RUNNING → ERROR, and while restartCount < RESTART_LIMIT a restart job
   * delayed by RESTART_BACKOFF_MS·2^(n−1), in the same transaction (never an ERROR without its
   * restart, nor a restart of an instance that is not in ERROR).
   */
  async handleCrash(session: InstanceSession, reason: string): Promise<void> {
    if (session.state === 'starting') {
      // open() fails on its own, or the start completes and finds the crash (start-job.ts).
      session.crashReason = reason;
      return;
    }
    if (session.state !== 'running') return;
    const { config, boss, workerId } = this.options;
    session.logger.warn({ reason }, 'instance crashed');
    const closed = session.close('crash');
    this.lifecycle(session, 'error', `crashed: ${reason}`);
    const restartCount = session.row.restartCount;
    const attempt = restartCount + 1;
    const restart = attempt <= config.RESTART_LIMIT;
    const delayMs = config.RESTART_BACKOFF_MS * 2 ** (attempt - 1);
    try {
      const moved = await withTransaction(this.options.pool, async (tx) => {
        const result = await transitionInstance(tx.db, {
          organizationId: session.organizationId,
          id: session.id,
          from: ['RUNNING'],
          to: 'ERROR',
          workerId,
          set: {
            lastError: reason,
            workerId: null,
            browserPid: null,
            ...(restart ? { restartCount: attempt } : {}),
          },
        });
        if (result && restart) {
          await enqueueInstanceStart(
            boss,
            { instanceId: session.id, organizationId: session.organizationId, attempt, reason: 'crash' },
            // Fractional seconds are fine: pg-boss casts the number to a Postgres interval.
            { db: tx.client, startAfterSeconds: delayMs / 1000 },
          );
        }
        return result;
      });
      if (moved) {
        this.options.events.status(moved.row, moved.previousStatus, reason);
        if (restart)
          this.lifecycle(session, 'warn', `restart attempt ${attempt} in ${delayMs} ms`, {
            attempt,
            delayMs,
          });
        else {
          this.lifecycle(
            session,
            'error',
            `restart limit reached (${config.RESTART_LIMIT}); the instance stays in ERROR`,
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
   * RUNNING|STARTING → STOPPING, close the browser side, → STOPPED. Concurrent stops of one instance
   * share the same work.
   */
  stopInstance(instanceId: string, reason: string): Promise<InstanceStatus> {
    const session = this.getSession(instanceId);
    const pending = this.#stopping.get(instanceId);
    if (pending) return pending;
    const stopping = this.#track(this.#stop(session, reason)).finally(() =>
      this.#stopping.delete(instanceId),
    );
    this.#stopping.set(instanceId, stopping);
    return stopping;
  }

  async #stop(session: InstanceSession, reason: string): Promise<InstanceStatus> {
    const moved = await this.transition(session, { from: ['RUNNING', 'STARTING'], to: 'STOPPING', reason });
    await session.close(reason);
    this.release(session);
    if (!moved) {
      // Not ours to move (it crashed meanwhile, was taken over, or the server stopped it): report
      // where it is, so the caller can finish the job (e.g. cancel a pending restart).
      const current = await getInstance(this.options.db, session).catch(() => undefined);
      return current?.status ?? 'STOPPED';
    }
    const stopped = await this.transition(session, {
      from: ['STOPPING'],
      to: 'STOPPED',
      set: { workerId: null, browserPid: null, stoppedAt: new Date() },
      reason,
    });
    this.lifecycle(session, 'info', `stopped (${reason})`);
    session.logger.info({ reason }, 'instance stopped');
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
        session.logger.warn('the instance is no longer held by this worker; closing it here');
        await session.close('no longer held by this worker');
        this.release(session);
      }),
    );
  }

  /** Stops every instance (→ STOPPED) and waits for starts and crash handling in flight. */
  async stopAll(reason: string, waitForStarts: () => Promise<void>): Promise<void> {
    this.closing = true;
    for (let round = 0; round < 5 && (this.#sessions.size > 0 || this.#background.size > 0); round += 1) {
      await Promise.allSettled(this.sessions().map((session) => this.stopInstance(session.id, reason)));
      await waitForStarts();
      await Promise.allSettled([...this.#background]);
    }
  }
}
