import { queues } from '@fleetwright/contracts';
import { listenToChannel } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { JOBS_NOTIFY_CHANNEL, type PgBoss, preparedStatements } from '@fleetwright/queue';
import pg from 'pg';
import type { SessionManager } from '../sessions/session-manager.ts';
import { runStartJob, type StartJob } from './start-job.ts';

export interface ClaimLoopOptions {
  connectionString: string;
  boss: PgBoss;
  /** Runs the fetches (as prepared statements). */
  pool: pg.Pool;
  manager: SessionManager;
  logger: Logger;
  /** Poll interval, the floor under NOTIFY wake-ups (a missed notification, a delayed restart job). @default 1000 */
  pollIntervalMs?: number;
}

/** Delay before the LISTEN connection is re-opened after it broke. */
const RELISTEN_DELAY_MS = 1000;
/**
 * Jobs per fetch at most. pg-boss writes the batch size into its SQL, so a bounded batch keeps the
 * number of distinct (prepared) fetch statements small; a full batch is followed by another fetch.
 */
const MAX_FETCH_BATCH = 8;

/**
 * Claims `session-start` jobs while the worker has free capacity and a free start slot
 * (START_CONCURRENCY): jobs beyond that stay in the queue, for this worker once a start finishes
 * or for another worker with room. A dedicated connection LISTENs
 * on pg-boss's JOBS_NOTIFY_CHANNEL, so a job enqueued by the API wakes the worker right away; a 1 s poll
 * covers missed notifications and delayed jobs (crash restarts with backoff). Fetches ask for at
 * most the free capacity and start slots (and MAX_FETCH_BATCH), and one fetch runs at a time (a wake-up during a
 * fetch runs one more). Each claimed job starts at once, independently of the others.
 */
export class ClaimLoop {
  readonly #options: ClaimLoopOptions;
  #client: pg.Client | null = null;
  #pollTimer: NodeJS.Timeout | null = null;
  #relistenTimer: NodeJS.Timeout | null = null;
  #fetching: Promise<void> | null = null;
  #again = false;
  /** A fetch was cut short by capacity or start slots: jobs may be waiting for a free one. */
  #starved = false;
  #stopped = false;
  readonly #jobs = new Set<Promise<void>>();
  readonly #db;

  constructor(options: ClaimLoopOptions) {
    this.#options = options;
    this.#db = preparedStatements(options.pool);
  }

  async start(): Promise<void> {
    await this.#listen();
    this.#pollTimer = setInterval(() => this.wake(), this.#options.pollIntervalMs ?? 1000);
    this.wake();
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'fleetwright-worker-listen',
    });
    const reconnect = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => {});
      if (this.#stopped) return;
      this.#options.logger.warn({ err: error }, 'job notification connection lost; polling until it is back');
      this.#relistenTimer = setTimeout(() => {
        this.#relistenTimer = null;
        if (!this.#stopped) this.#listen().catch((listenError: unknown) => reconnect(listenError));
      }, RELISTEN_DELAY_MS);
    };
    client.on('notification', () => this.wake());
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    this.#client = client;
    await client.connect();
    await listenToChannel(client, JOBS_NOTIFY_CHANNEL);
  }

  /** Capacity freed up: fetch at once if jobs may have been left waiting for it. */
  capacityFreed(): void {
    if (this.#starved) this.wake();
  }

  /** Fetch now (or right after the fetch in progress). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#fetching) {
      this.#again = true;
      return;
    }
    this.#fetching = this.#fetchWhileFree().finally(() => {
      this.#fetching = null;
    });
  }

  async #fetchWhileFree(): Promise<void> {
    const { boss, manager, logger } = this.#options;
    do {
      this.#again = false;
      const free = Math.min(manager.freeCapacity(), manager.freeStartSlots());
      if (this.#stopped) return;
      this.#starved = free <= 0;
      if (this.#starved) return;
      const batchSize = Math.min(free, MAX_FETCH_BATCH);
      let jobs: StartJob[];
      try {
        jobs = (await boss.fetch(queues.sessionStart, {
          batchSize,
          includeMetadata: true,
          db: this.#db,
        })) as StartJob[];
      } catch (error) {
        if (!this.#stopped) logger.warn({ err: error }, 'fetching start jobs failed');
        return;
      }
      for (const job of jobs) {
        const run = runStartJob(this.#options, job);
        this.#jobs.add(run);
        void run.finally(() => this.#jobs.delete(run));
      }
      // A full batch may mean more are waiting; capacity decides whether to take them.
      if (jobs.length === batchSize) this.#again = true;
      else this.#starved = false;
    } while (this.#again && !this.#stopped);
  }

  /** Claimed jobs still in progress (their start, then completing or failing the job). */
  async waitForStarts(): Promise<void> {
    await Promise.allSettled([...this.#jobs]);
  }

  /** No more fetching; waits for the fetch in progress. Claimed starts keep running (see waitForStarts). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#relistenTimer) clearTimeout(this.#relistenTimer);
    await this.#fetching;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
