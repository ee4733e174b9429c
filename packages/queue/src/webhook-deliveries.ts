import { randomUUID } from 'node:crypto';
import { queues, type WebhookDeliveryJob, webhookEventNames } from '@fleetwright/contracts';
import {
  type Database,
  insertWebhookDeliveries,
  listWebhookSubscriptions,
  type NewWebhookDelivery,
  withTransaction,
} from '@fleetwright/db';
import type pg from 'pg';
import type { PgBoss, Queue } from 'pg-boss';
import { preparedStatements, type SqlClient } from './prepared-statements.ts';

/** How a delivery is retried: pg-boss waits `delaySeconds`, doubling, `limit` times. */
export interface WebhookRetry {
  /** Retries after the first attempt. */
  limit: number;
  /** Seconds before the first retry; each next one waits about twice as long. */
  delaySeconds: number;
}

const WEBHOOK_QUEUES: Queue[] = [
  {
    name: queues.webhookDelivery,
    // A delivery is bounded by WEBHOOK_TIMEOUT_MS (at most a minute); a process that died with one
    // active hands it back after this.
    expireInSeconds: 300,
    retentionSeconds: 2 * 24 * 3600,
    deleteAfterSeconds: 3600,
    notify: true,
  },
  {
    name: queues.notification,
    expireInSeconds: 300,
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    retentionSeconds: 24 * 3600,
    deleteAfterSeconds: 3600,
    notify: true,
  },
];

/** Creates the webhook-delivery and notification queues if they do not exist (two processes at once is fine). */
export async function ensureWebhookQueues(boss: PgBoss): Promise<void> {
  for (const { name, ...options } of WEBHOOK_QUEUES) {
    if (await boss.getQueue(name)) continue;
    await boss.createQueue(name, options).catch(async (error: unknown) => {
      if (!(await boss.getQueue(name))) throw error;
    });
  }
}

/**
 * Enqueues deliveries (rows already inserted, or reset for a redelivery). Pass the transaction's
 * client as `db` so the jobs commit with the rows. The retry settings go on each job: a queue's
 * settings are fixed when it is created, the configuration may change later.
 */
export async function enqueueWebhookDeliveries(
  boss: PgBoss,
  jobs: WebhookDeliveryJob[],
  options: { db: SqlClient; retry: WebhookRetry },
): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(
    queues.webhookDelivery,
    jobs.map((data) => ({
      data,
      retryLimit: options.retry.limit,
      retryDelay: options.retry.delaySeconds,
      retryBackoff: true,
    })),
    { db: preparedStatements(options.db) },
  );
}

const catalogue: ReadonlySet<string> = new Set(webhookEventNames);

interface Subscriptions {
  /** Date.now() when read. */
  readAt: number;
  webhooks: { id: string; events: string[] }[];
}

interface OfferedEvent {
  organizationId: string;
  event: string;
  data: unknown;
  createdAt: Date;
}

export interface WebhookOutboxOptions {
  db: Database;
  pool: pg.Pool;
  boss: PgBoss;
  retry: WebhookRetry;
  /**
   * How long an organization's subscriptions are kept, ms: a webhook created or changed in another
   * process is seen this much later. In this process, `forget` drops them at once. @default 5000
   */
  cacheMs?: number;
  /** Told when events could not be turned into deliveries (the database is gone…). */
  onError?: (error: unknown) => void;
}

/**
 * Where every event an organization publishes passes (the server's publisher, the worker's
 * SessionEvents): an event of the webhook catalogue becomes one delivery per enabled webhook of
 * its organization that subscribes to it, a row and a webhook-delivery queue job, written together.
 * Events offered in the same tick go out in one transaction. An organization's subscriptions are
 * cached, so an organization without webhooks costs a Map lookup per event once they are read.
 */
export class WebhookOutbox {
  readonly #options: WebhookOutboxOptions;
  readonly #cacheMs: number;
  readonly #subscriptions = new Map<string, Subscriptions>();
  #pending: OfferedEvent[] = [];
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(options: WebhookOutboxOptions) {
    this.#options = options;
    this.#cacheMs = options.cacheMs ?? 5000;
  }

  /** An event as it is published; not awaited by publishers (an event is never held up by its webhooks). */
  offer(organizationId: string, event: string, data: unknown): void {
    if (this.#closed || !catalogue.has(event)) return;
    const cached = this.#fresh(organizationId);
    if (cached && !cached.webhooks.some((webhook) => webhook.events.includes(event))) return;
    this.#pending.push({ organizationId, event, data, createdAt: new Date() });
    this.#flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#flush());
  }

  /** Drops an organization's cached subscriptions (its webhooks changed in this process). */
  forget(organizationId: string): void {
    this.#subscriptions.delete(organizationId);
  }

  /** Resolves once the events offered so far are written (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  /** Writes what is pending, then stops taking events. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }

  #fresh(organizationId: string): Subscriptions | undefined {
    const cached = this.#subscriptions.get(organizationId);
    if (cached && Date.now() - cached.readAt < this.#cacheMs) return cached;
    return undefined;
  }

  async #subscriptionsOf(organizationId: string): Promise<Subscriptions> {
    const cached = this.#fresh(organizationId);
    if (cached) return cached;
    const read = {
      readAt: Date.now(),
      webhooks: await listWebhookSubscriptions(this.#options.db, organizationId),
    };
    this.#subscriptions.set(organizationId, read);
    return read;
  }

  async #flush(): Promise<void> {
    const events = this.#pending;
    this.#pending = [];
    try {
      const deliveries: NewWebhookDelivery[] = [];
      for (const offered of events) {
        const { webhooks } = await this.#subscriptionsOf(offered.organizationId);
        for (const webhook of webhooks) {
          if (!webhook.events.includes(offered.event)) continue;
          deliveries.push({ id: randomUUID(), webhookId: webhook.id, ...offered });
        }
      }
      if (deliveries.length > 0) {
        await withTransaction(this.#options.pool, async (tx) => {
          await insertWebhookDeliveries(tx.db, deliveries);
          await enqueueWebhookDeliveries(
            this.#options.boss,
            deliveries.map((delivery) => ({
              deliveryId: delivery.id,
              organizationId: delivery.organizationId,
            })),
            { db: tx.client, retry: this.#options.retry },
          );
        });
      }
    } catch (error) {
      this.#options.onError?.(error);
    } finally {
      this.#flushing = undefined;
      // Events offered while this batch was written.
      if (this.#pending.length > 0 && !this.#closed)
        this.#flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.#flush());
    }
  }
}
