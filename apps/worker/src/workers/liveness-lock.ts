import { takeWorkerLock } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import pg from 'pg';

export interface LivenessLockOptions {
  connectionString: string;
  logger: Logger;
  /** Called once the lock is held again after its connection was lost (the server may have failed the worker over meanwhile). */
  onRetaken: () => void;
  /** Delay between attempts to get a lost lock back, ms. @default 500 */
  retryMs?: number;
}

/**
 * The worker's liveness lock (workers.lock_key): a session-level advisory lock on a connection of
 * its own, outside the pool, held for the worker's whole life. A kill -9 closes the socket, Postgres
 * ends the backend and the lock is gone at once; the server fails over workers whose lock is gone
 * (maintenance). A paused worker (SIGSTOP) keeps its connection, so its lock stays: only its
 * heartbeat going stale fails it over. If the connection breaks while the worker lives (a database
 * restart), the same key is taken again as soon as the database answers.
 */
export class LivenessLock {
  readonly #options: LivenessLockOptions;
  #client: pg.Client | null = null;
  #key: number | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(options: LivenessLockOptions) {
    this.#options = options;
  }

  /** Takes a fresh key and its lock; answers the key, to be registered with the worker row. */
  async take(): Promise<number> {
    // A cycled sequence may land on the key of a worker that lives still: take the next one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const client = await this.#connect();
      const key = await takeWorkerLock(client).catch(async (error: unknown) => {
        await client.end().catch(() => {});
        throw error;
      });
      if (key !== null) {
        this.#key = key;
        this.#hold(client);
        return key;
      }
      await client.end().catch(() => {});
    }
    throw new Error('no free worker lock key');
  }

  /** Releases the lock (the connection ends) and stops retaking it. */
  async release(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: 'fleetwright-worker-lock',
      // The lock lives as long as the connection: a dead peer must be noticed, not waited on.
      keepAlive: true,
    });
    // An error before #hold (connect, the lock query) rejects those calls; this keeps it from being unhandled.
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  #hold(client: pg.Client): void {
    this.#client = client;
    const lost = (error?: Error) => {
      if (this.#client !== client || this.#closed) return;
      this.#client = null;
      this.#options.logger.warn({ err: error }, 'lost the liveness lock connection; taking the lock again');
      client.end().catch(() => {});
      this.#scheduleRetake();
    };
    client.on('error', lost);
    client.on('end', () => lost());
  }

  #scheduleRetake(): void {
    if (this.#closed) return;
    this.#retry = setTimeout(() => void this.#retake(), this.#options.retryMs ?? 500);
    this.#retry.unref();
  }

  async #retake(): Promise<void> {
    if (this.#closed || this.#key === null) return;
    let client: pg.Client | null = null;
    try {
      client = await this.#connect();
      if ((await takeWorkerLock(client, this.#key)) === null) throw new Error('the lock is held elsewhere');
      if (this.#closed) {
        await client.end().catch(() => {});
        return;
      }
      this.#hold(client);
      this.#options.logger.info('liveness lock taken again');
      this.#options.onRetaken();
    } catch (error) {
      await client?.end().catch(() => {});
      this.#options.logger.debug({ err: error }, 'liveness lock not retaken yet');
      this.#scheduleRetake();
    }
  }
}
