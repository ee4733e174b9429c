import { type Config, publicUrl } from '@fleetwright/config';
import { queues, rooms, WEBHOOK_PING_EVENT, type WebhookDeliveryJob } from '@fleetwright/contracts';
import {
  type Database,
  listOrganizationAdminEmails,
  loadWebhookDeliveriesToSend,
  recordWebhookAttempts,
  skipWebhookDeliveries,
  type WebhookAttemptOutcome,
  type WebhookDeliveryToSend,
} from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { JobWithMetadata, PgBoss, WebhookOutbox } from '@fleetwright/queue';
import type { Keyring } from '@fleetwright/secrets';
import type { Mailer } from '../auth/mailer.ts';
import type { EventPublisher } from '../realtime/events.ts';
import type { HttpPoster } from './http-post.ts';
import { webhookBody } from './serializers.ts';
import { openWebhookSecret } from './service.ts';
import { signedHeaders } from './signing.ts';

/**
 * Queue jobs one fetch takes, and fetch loops per process: up to BATCH_SIZE × LOOPS deliveries are
 * in flight at once. Each batch costs three statements (fetch, load, record) plus pg-boss's
 * settlement, whatever its size: what makes hundreds of deliveries a second possible on 2 cores.
 */
const BATCH_SIZE = 100;
const LOOPS = 4;
/** Decrypted secrets kept (by sealed value, so a rotation is a miss): AES-GCM per delivery is avoidable work. */
const SECRET_CACHE_SIZE = 1000;

export interface WebhookDeliveryWorkerOptions {
  db: Database;
  boss: PgBoss;
  keyring: Keyring;
  config: Pick<Config, 'WEBHOOK_DISABLE_AFTER' | 'PUBLIC_URL' | 'HOST' | 'PORT'>;
  poster: HttpPoster;
  /** Where `system.alert` goes when a webhook is disabled (the app's publisher: Socket.IO and webhooks). */
  events: EventPublisher;
  /** Told of a disabled webhook so its organization's subscriptions are read again. */
  outbox?: Pick<WebhookOutbox, 'forget'>;
  /** Mails the organization's administrators when a webhook is disabled. */
  mailer: Pick<Mailer, 'send'>;
  logger: Logger;
}

export interface WebhookDeliveryWorker {
  stop(): Promise<void>;
}

/** Consumes the webhook-delivery queue: signs and POSTs each delivery, records the attempt, lets pg-boss retry. */
export async function startWebhookDeliveryWorker(
  options: WebhookDeliveryWorkerOptions,
): Promise<WebhookDeliveryWorker> {
  const secrets = new Map<string, string>();
  const secretOf = (delivery: WebhookDeliveryToSend) => {
    let secret = secrets.get(delivery.secret);
    if (secret === undefined) {
      secret = openWebhookSecret(options.keyring, delivery.webhookId, delivery.secret);
      if (secrets.size >= SECRET_CACHE_SIZE) secrets.clear();
      secrets.set(delivery.secret, secret);
    }
    return secret;
  };

  const attempt = async (job: JobWithMetadata<WebhookDeliveryJob>, delivery: WebhookDeliveryToSend) => {
    const body = JSON.stringify(webhookBody(delivery));
    const at = new Date();
    const outcome = await options.poster.post(delivery.url, body, {
      headers: signedHeaders({ id: delivery.id, secret: secretOf(delivery), body, now: at }),
      privateTargets: delivery.privateTargets,
    });
    const recorded: WebhookAttemptOutcome = {
      deliveryId: delivery.id,
      webhookId: delivery.webhookId,
      at,
      delivered: outcome.ok,
      final: outcome.ok || job.retryCount >= job.retryLimit,
      statusCode: outcome.statusCode,
      durationMs: outcome.durationMs,
      responseExcerpt: outcome.responseExcerpt,
      error: outcome.error,
    };
    return recorded;
  };

  const handle = async (jobs: JobWithMetadata<WebhookDeliveryJob>[]) => {
    const deliveries = new Map(
      (
        await loadWebhookDeliveriesToSend(
          options.db,
          jobs.map((job) => job.data.deliveryId),
        )
      ).map((row) => [row.id, row]),
    );
    const skipped: string[] = [];
    const sends: Promise<WebhookAttemptOutcome>[] = [];
    for (const job of jobs) {
      const delivery = deliveries.get(job.data.deliveryId);
      // Gone with its webhook, or already delivered (a redelivery's job and a retry raced): nothing to do.
      if (delivery?.status !== 'PENDING') continue;
      if (!delivery.enabled && delivery.event !== WEBHOOK_PING_EVENT) skipped.push(delivery.id);
      else sends.push(attempt(job, delivery));
    }
    const outcomes = await Promise.all(sends);
    await skipWebhookDeliveries(options.db, skipped, 'The webhook is disabled.');
    const disabled = await recordWebhookAttempts(options.db, outcomes, {
      disableAfter: options.config.WEBHOOK_DISABLE_AFTER,
    });
    for (const webhook of disabled) await announceDisabled(options, webhook);
    // A failed job is retried by pg-boss while it has retries left; the last one stays failed.
    const failed = new Set(
      outcomes.filter((outcome) => !outcome.delivered).map((outcome) => outcome.deliveryId),
    );
    return jobs.map((job) => ({
      id: job.id,
      status: failed.has(job.data.deliveryId) ? ('failed' as const) : ('completed' as const),
    }));
  };

  const workOptions = {
    batchSize: BATCH_SIZE,
    localConcurrency: LOOPS,
    includeMetadata: true,
    perJobResults: true,
    burstWhenBatchFull: true,
    // Retries come due without a NOTIFY: this is how late a retry may start after its time.
    notifyPollingIntervalSeconds: 2,
    pollingIntervalSeconds: 1,
  } as const;
  await options.boss.work<WebhookDeliveryJob, unknown, typeof workOptions>(
    queues.webhookDelivery,
    workOptions,
    async (jobs) => {
      try {
        return await handle(jobs);
      } catch (error) {
        options.logger.error({ err: error, jobs: jobs.length }, 'webhook deliveries failed');
        throw error;
      }
    },
  );
  return {
    stop: () => options.boss.offWork(queues.webhookDelivery, { wait: true }).catch(() => {}),
  };
}

/** A webhook just disabled after failing: a `system.alert` (Socket.IO, other webhooks) and a mail to each administrator. */
async function announceDisabled(
  options: WebhookDeliveryWorkerOptions,
  webhook: { id: string; organizationId: string; url: string; consecutiveFailures: number },
): Promise<void> {
  options.outbox?.forget(webhook.organizationId);
  const message = `Webhook ${webhook.url} was disabled after ${webhook.consecutiveFailures} deliveries in a row failed.`;
  options.logger.warn({ webhookId: webhook.id, organizationId: webhook.organizationId }, message);
  options.events.publish([rooms.organization(webhook.organizationId)], 'system.alert', {
    organizationId: webhook.organizationId,
    code: 'WEBHOOK_DISABLED',
    message,
    details: { webhookId: webhook.id, url: webhook.url, consecutiveFailures: webhook.consecutiveFailures },
    at: new Date().toISOString(),
  });
  const link = `${publicUrl(options.config)}/webhooks/${webhook.id}`;
  for (const to of await listOrganizationAdminEmails(options.db, webhook.organizationId)) {
    await options.mailer.send({
      to,
      subject: 'A Fleetwright webhook was disabled',
      text: `${message}\n\nSee its deliveries, fix the receiver and enable it again: ${link}\n`,
    });
  }
}
