import { randomUUID } from 'node:crypto';
import {
  claimDueJobRun,
  type Database,
  type DatabaseClient,
  type ExecutionRow,
  earliestJobRunAt,
  listDueJobs,
  listenToChannel,
  withTransaction,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import { createExecution, executionSpecOf, type PgBoss } from '@fleetwright/queue';
import pg from 'pg';
import { JOBS_CHANGED_CHANNEL, nextRunAfter } from './schedule.ts';

export interface JobSchedulerOptions {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  logger: Logger;
  /** For the LISTEN connection that hears the API's "jobs changed" from every server; without it, only `changed()` re-arms. */
  connectionString?: string;
  /**
   * The timer never waits longer than this, ms, before reading the earliest due time again: the
   * floor under a missed notification (a LISTEN connection that broke). @default 60000
   */
  maxWaitMs?: number;
}

/** Due jobs fired per claim round; a full round is followed by another. */
const DUE_BATCH = 100;
const RELISTEN_DELAY_MS = 1000;

/**
 * Fires due job runs. Each job's `next_run_at` is the only state: a due run is claimed by moving it
 * to the next slot with one conditional UPDATE (`… WHERE next_run_at = <due>`), in the transaction
 * that inserts the execution and its queue job, so a run fires once however many servers schedule,
 * and a server stopped mid-way leaves the run due (nothing committed) rather than lost or doubled.
 * A timer wakes at the earliest `next_run_at` (due → queued in milliseconds, not at a poll), and is
 * re-armed whenever the API says jobs changed (NOTIFY on JOBS_CHANGED_CHANNEL reaches every server).
 */
export class JobScheduler {
  readonly #options: JobSchedulerOptions;
  #timer: NodeJS.Timeout | null = null;
  #relistenTimer: NodeJS.Timeout | null = null;
  #client: pg.Client | null = null;
  #ticking: Promise<unknown> | null = null;
  #again = false;
  #stopped = true;

  constructor(options: JobSchedulerOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    this.#stopped = false;
    if (this.#options.connectionString) await this.#listen();
    this.#run();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#relistenTimer) clearTimeout(this.#relistenTimer);
    await this.#ticking?.catch(() => {});
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  /** Jobs changed on this server: re-read the earliest due time (other servers hear the NOTIFY). */
  changed(): void {
    this.#run();
  }

  /**
   * Fires every run due at `now` (a test passes a later `now` to fire a recurring job without
   * waiting for it) and answers the executions this scheduler created.
   */
  async tick(now: Date = new Date()): Promise<ExecutionRow[]> {
    const fired: ExecutionRow[] = [];
    for (;;) {
      const due = await listDueJobs(this.#options.db, now, DUE_BATCH);
      for (const job of due) {
        const execution = await this.#fire(job, now).catch((error: unknown) => {
          this.#options.logger.error({ err: error, jobId: job.id }, 'could not fire a due job run');
          return undefined;
        });
        if (execution) fired.push(execution);
      }
      if (due.length < DUE_BATCH) return fired;
    }
  }

  /** Claims the due run and queues its execution in one transaction; undefined if another server claimed it. */
  async #fire(
    job: Awaited<ReturnType<typeof listDueJobs>>[number],
    now: Date,
  ): Promise<ExecutionRow | undefined> {
    const due = job.nextRunAt!;
    return withTransaction(this.#options.pool, async (tx) => {
      const claimed = await claimDueJobRun(tx.db, { id: job.id, due, next: nextRunAfter(job.schedule, now) });
      if (!claimed) return undefined;
      const execution = await createExecution(this.#options.boss, tx, {
        id: randomUUID(),
        job: claimed,
        spec: executionSpecOf(claimed),
        trigger: 'schedule',
        attempt: 1,
        scheduledFor: due,
      });
      this.#options.logger.info(
        { jobId: job.id, executionId: execution.id, due: due.toISOString() },
        'scheduled job run fired',
      );
      return execution;
    });
  }

  /** Tick now (or right after the tick in progress), then arm the timer for the next due run. */
  #run(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = (async () => {
      do {
        this.#again = false;
        await this.tick().catch((error: unknown) =>
          this.#options.logger.warn({ err: error }, 'scheduler tick failed'),
        );
      } while (this.#again && !this.#stopped);
      await this.#arm();
    })().finally(() => {
      this.#ticking = null;
    });
  }

  async #arm(): Promise<void> {
    if (this.#stopped) return;
    const maxWaitMs = this.#options.maxWaitMs ?? 60_000;
    let waitMs = maxWaitMs;
    try {
      const earliest = await earliestJobRunAt(this.#options.db);
      if (earliest) waitMs = Math.min(maxWaitMs, Math.max(0, earliest.getTime() - Date.now()));
    } catch (error) {
      this.#options.logger.warn({ err: error }, 'could not read the next due job run');
    }
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, waitMs);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'fleetwright-scheduler',
    });
    const reconnect = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => {});
      if (this.#stopped) return;
      this.#options.logger.warn(
        { err: error },
        'scheduler notification connection lost; relying on its timer',
      );
      this.#relistenTimer = setTimeout(() => {
        this.#relistenTimer = null;
        if (!this.#stopped) this.#listen().catch((listenError: unknown) => reconnect(listenError));
      }, RELISTEN_DELAY_MS);
    };
    client.on('notification', () => this.#run());
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    this.#client = client;
    await client.connect();
    await listenToChannel(client, JOBS_CHANGED_CHANNEL);
  }
}
