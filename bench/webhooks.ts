/**
 * Webhook deliveries (issue 11): how many deliveries a second one server process makes to a
 * loopback receiver, target ≥ 500/s on 2 cores. Two phases, on a real Postgres:
 * - queuing: `deliveries` events offered to the outbox (each becomes a row and a pg-boss job);
 * - delivering: the delivery worker (batches of queue jobs, keep-alive agent, signed POSTs, every
 *   attempt recorded) until the receiver has them all and every row is DELIVERED.
 * The receiver runs in this process too, so it takes its share of the same 2 cores.
 * `npx tsx bench/webhooks.ts [deliveries]` prints the figures alone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertWebhook } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import { WebhookOutbox } from '@fleetwright/queue';
import { loadKeyring } from '@fleetwright/secrets';
import { startTestDatabase } from '@fleetwright/testing/database';
import { createMailer } from '../apps/server/src/auth/mailer.ts';
import { noopPublisher } from '../apps/server/src/realtime/events.ts';
import { startWebhookDeliveryWorker } from '../apps/server/src/webhooks/delivery-worker.ts';
import { HttpPoster } from '../apps/server/src/webhooks/http-post.ts';
import { sealWebhookSecret } from '../apps/server/src/webhooks/service.ts';
import { generateWebhookSecret } from '../apps/server/src/webhooks/signing.ts';

export interface WebhookDeliveryResult {
  deliveries: number;
  /** Events turned into rows and queue jobs, per second. */
  queuedPerSecond: number;
  /** Deliveries POSTed, answered 2xx and recorded, per second. */
  deliveredPerSecond: number;
}

export async function measureWebhookDeliveries(deliveries = 5000): Promise<WebhookDeliveryResult> {
  const testDatabase = await startTestDatabase({ env: { LOG_LEVEL: 'warn' } });
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const { config, database, boss, organizationId } = testDatabase;
  const logger = createLogger({ name: 'bench-webhooks', level: 'warn' });
  const keyring = loadKeyring(config);
  const poster = new HttpPoster({ allowPrivate: true, timeoutMs: config.WEBHOOK_TIMEOUT_MS });
  const outbox = new WebhookOutbox({
    db: database.db,
    pool: database.pool,
    boss,
    retry: { limit: 1, delaySeconds: 60 },
    onError: (error) => logger.error({ err: error }, 'outbox'),
  });
  try {
    const id = crypto.randomUUID();
    await insertWebhook(database.db, {
      id,
      organizationId,
      url,
      events: ['system.alert'],
      secret: sealWebhookSecret(keyring, id, generateWebhookSecret()),
    });

    const queuing = performance.now();
    for (let i = 0; i < deliveries; i++) {
      outbox.offer(organizationId, 'system.alert', {
        organizationId,
        code: 'BENCH',
        message: `event ${i}`,
        at: new Date().toISOString(),
      });
      // Events arrive over time in a real process: let the outbox write in batches as they come.
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    await outbox.flush();
    const queuedSeconds = (performance.now() - queuing) / 1000;

    const delivering = performance.now();
    const worker = await startWebhookDeliveryWorker({
      db: database.db,
      boss,
      keyring,
      config,
      poster,
      events: noopPublisher,
      mailer: createMailer({ config, db: database.db, logger }),
      logger,
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (received >= deliveries) {
        const { rows } = await database.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'DELIVERED'`,
        );
        if (rows[0]!.n >= deliveries) break;
      }
      if (Date.now() > deadline) throw new Error(`only ${received} of ${deliveries} delivered in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deliveredSeconds = (performance.now() - delivering) / 1000;
    await worker.stop();
    return {
      deliveries,
      queuedPerSecond: deliveries / queuedSeconds,
      deliveredPerSecond: deliveries / deliveredSeconds,
    };
  } finally {
    await outbox.close();
    await poster.close();
    receiver.closeAllConnections();
    receiver.close();
    await testDatabase.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureWebhookDeliveries(Number(process.argv[2] ?? 5000));
  console.log(
    `webhooks: ${result.deliveries} deliveries; queued ${result.queuedPerSecond.toFixed(0)}/s; delivered ${result.deliveredPerSecond.toFixed(0)}/s (target ≥ 500/s)`,
  );
}
