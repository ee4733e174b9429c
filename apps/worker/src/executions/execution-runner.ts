import { jobExecutionJobSchema, queues } from '@fleetwright/contracts';
import { listenToChannel } from '@fleetwright/db';
import {
  EXECUTION_CANCEL_CHANNEL,
  EXECUTION_HEARTBEAT_SECONDS,
  JOBS_NOTIFY_CHANNEL,
  type Job,
  preparedStatements,
} from '@fleetwright/queue';
import pg from 'pg';
import { type ExecutionControl, type ExecutionRunDeps, runExecution } from './run-execution.ts';

export interface ExecutionRunnerOptions extends ExecutionRunDeps {
  connectionString: string;
  /** Executions this worker runs at once at most (each runs its sessions `concurrency` at a time). @default 2 */
  maxExecutions?: number;
  /** Poll interval, the floor under NOTIFY wake-ups (a retry due later, a missed notification). @default 1000 */
  pollIntervalMs?: number;
}

const RELISTEN_DELAY_MS = 1000;

/**
 * Claims `job-execution` queue jobs (highest priority first: pg-boss fetches in priority order)
 * while this worker has free session capacity and fewer than `maxExecutions` running, and runs each
 * (run-execution.ts). A LISTEN connection wakes it when a queue job is sent, and carries cancels;
 * the queue job is touched every half heartbeat, so a worker that dies lets it come back.
 */
export class ExecutionRunner {
  readonly #options: ExecutionRunnerOptions;
  readonly #db;
  readonly #running = new Map<string, ExecutionControl>();
  readonly #runs = new Set<Promise<void>>();
  #client: pg.Client | null = null;
  #pollTimer: NodeJS.Timeout | null = null;
  #relistenTimer: NodeJS.Timeout | null = null;
  #fetching: Promise<void> | null = null;
  #again = false;
  #stopped = false;

  constructor(options: ExecutionRunnerOptions) {
    this.#options = options;
    this.#db = preparedStatements(options.pool);
  }

  async start(): Promise<void> {
    await this.#listen();
    this.#pollTimer = setInterval(() => this.wake(), this.#options.pollIntervalMs ?? 1000);
    this.wake();
  }

  /** Executions running on this worker now. */
  get running(): number {
    return this.#running.size;
  }

  /** Aborts a running execution of this worker (its sessions stop; it ends CANCELLED). */
  cancel(executionId: string): boolean {
    const control = this.#running.get(executionId);
    control?.abort('cancel');
    return control !== undefined;
  }

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

  #free(): boolean {
    const max = this.#options.maxExecutions ?? 2;
    return this.#runs.size < max && this.#options.manager.freeCapacity() > 0;
  }

  async #fetchWhileFree(): Promise<void> {
    const { boss, logger } = this.#options;
    do {
      this.#again = false;
      if (this.#stopped || !this.#free()) return;
      let jobs: Job<unknown>[];
      try {
        jobs = await boss.fetch(queues.jobExecution, { batchSize: 1, db: this.#db });
      } catch (error) {
        if (!this.#stopped) logger.warn({ err: error }, 'fetching execution jobs failed');
        return;
      }
      const [job] = jobs;
      if (!job) return;
      const run = this.#run(job);
      this.#runs.add(run);
      void run.finally(() => {
        this.#runs.delete(run);
        this.wake();
      });
      this.#again = true;
    } while (this.#again && !this.#stopped);
  }

  async #run(job: Job<unknown>): Promise<void> {
    const { boss, logger } = this.#options;
    const parsed = jobExecutionJobSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id }, 'invalid job-execution payload');
      await boss.complete(queues.jobExecution, job.id, null, { db: this.#db }).catch(() => {});
      return;
    }
    const heartbeat = setInterval(
      () => void boss.touch(queues.jobExecution, job.id, { db: this.#db }).catch(() => {}),
      (EXECUTION_HEARTBEAT_SECONDS / 2) * 1000,
    );
    try {
      await runExecution(this.#options, parsed.data, (control) => {
        this.#running.set(parsed.data.executionId, control);
        return () => this.#running.delete(parsed.data.executionId);
      });
      await boss.complete(queues.jobExecution, job.id, null, { db: this.#db });
    } catch (error) {
      // Left to expire: pg-boss hands it out again, and its claim finds the execution where it is.
      logger.error({ err: error, executionId: parsed.data.executionId }, 'execution failed unexpectedly');
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'fleetwright-worker-executions',
    });
    const reconnect = (error?: unknown) => {
      if (this.#client !== client) return;
      this.#client = null;
      client.end().catch(() => {});
      if (this.#stopped) return;
      this.#options.logger.warn(
        { err: error },
        'execution notification connection lost; polling until it is back',
      );
      this.#relistenTimer = setTimeout(() => {
        this.#relistenTimer = null;
        if (!this.#stopped) this.#listen().catch((listenError: unknown) => reconnect(listenError));
      }, RELISTEN_DELAY_MS);
    };
    client.on('notification', (message) => {
      if (message.channel === EXECUTION_CANCEL_CHANNEL) {
        if (message.payload) this.cancel(message.payload);
      } else if (message.payload === queues.jobExecution) this.wake();
    });
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    this.#client = client;
    await client.connect();
    await listenToChannel(client, JOBS_NOTIFY_CHANNEL);
    await listenToChannel(client, EXECUTION_CANCEL_CHANNEL);
  }

  /**
   * No more claims; running executions are cancelled (their sessions stop) and end before this
   * resolves, so the worker's shutdown never leaves an execution RUNNING with live sessions.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    if (this.#relistenTimer) clearTimeout(this.#relistenTimer);
    await this.#fetching;
    for (const control of this.#running.values()) control.abort('cancel');
    await Promise.allSettled([...this.#runs]);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
