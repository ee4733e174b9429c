import type { ServerEvent, ServerEventName } from '@fleetwright/contracts';
import { startTestSmtp, TEST_ADMIN, type TestSmtp, waitFor } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/auth/mailer.ts';
import type { EventPublisher } from '../src/realtime/events.ts';
import { startWebhookDeliveryWorker, type WebhookDeliveryWorker } from '../src/webhooks/delivery-worker.ts';
import { HttpPoster } from '../src/webhooks/http-post.ts';
import { startTestApp, type TestApp, testLogger } from './support.ts';
import { startTestReceiver, type TestReceiver, verifyWebhook } from './webhook-receiver.ts';

/** Issue 11: organization webhooks, from an event to a signed, retried, recorded delivery. */

const published: { name: ServerEventName; payload: unknown }[] = [];
const recorder: EventPublisher = {
  publish<N extends ServerEventName>(_to: string[], name: N, payload: ServerEvent<N>) {
    published.push({ name, payload });
  },
};

let smtp: TestSmtp;
let testApp: TestApp;
let worker: WebhookDeliveryWorker;
let poster: HttpPoster;
let receiver: TestReceiver;

beforeAll(async () => {
  smtp = await startTestSmtp();
  testApp = await startTestApp({
    env: {
      // The guard is on: loopback receivers pass only as the organization's private targets.
      ALLOW_PRIVATE_TARGETS: '0',
      WEBHOOK_RETRY_LIMIT: '1',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
      WEBHOOK_DISABLE_AFTER: '2',
      WEBHOOK_TIMEOUT_MS: '5000',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    },
    build: { events: recorder },
  });
  const { config, database, boss } = testApp.testDatabase;
  await setPrivateTargets(['127.0.0.1']);
  poster = new HttpPoster({
    allowPrivate: config.ALLOW_PRIVATE_TARGETS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  worker = await startWebhookDeliveryWorker({
    db: database.db,
    boss,
    keyring: testApp.app.keyring,
    config,
    poster,
    events: testApp.app.events,
    outbox: testApp.app.webhookOutbox,
    mailer: createMailer({ config, db: database.db, logger: testLogger() }),
    logger: testLogger(),
  });
  receiver = await startTestReceiver();
});

afterAll(async () => {
  await worker?.stop();
  await poster?.close();
  await testApp?.close();
  await receiver?.close();
  await smtp?.close();
});

async function setPrivateTargets(privateTargets: string[]) {
  const response = await testApp.api({
    method: 'PATCH',
    url: `/api/v1/admin/organizations/${testApp.administrator.organizationId}`,
    payload: { privateTargets },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function createWebhook(url: string, events: string[] = ['session.created']) {
  const response = await testApp.api({ method: 'POST', url: '/api/v1/webhooks', payload: { url, events } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string };
}

async function createSession(name: string): Promise<string> {
  const response = await testApp.api({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { name, startUrl: 'http://127.0.0.1:9/', autoStart: false },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function deliveriesOf(webhookId: string) {
  const response = await testApp.api({ url: `/api/v1/webhooks/${webhookId}/deliveries` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { id: string; status: string; attempts: number; event: string }[];
}

const requestsTo = (path: string) => receiver.received.filter((request) => request.path === path);

describe('webhook deliveries', () => {
  it('delivers session.created to a receiver that verifies the signature, and records the attempt', async () => {
    const webhook = await createWebhook(`${receiver.url}/verified`);
    expect(webhook.secret).toMatch(/^whsec_/);
    const sessionId = await createSession('hooked');

    const [request] = await waitFor(
      'the delivery',
      () => requestsTo('/verified').length === 1 && requestsTo('/verified'),
    );
    expect(verifyWebhook(webhook.secret, request!.headers, request!.body)).toBe(true);
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      event: 'session.created',
      organizationId: testApp.administrator.organizationId,
      data: { session: { id: sessionId, name: 'hooked' } },
    });
    expect(request!.headers['fleetwright-webhook-id']).toBe(body.id);

    const [delivery] = await waitFor('DELIVERED', async () => {
      const deliveries = await deliveriesOf(webhook.id);
      return deliveries[0]?.status === 'DELIVERED' && deliveries;
    });
    expect(delivery).toMatchObject({ id: body.id, attempts: 1, event: 'session.created' });
    const detail = await testApp.api({ url: `/api/v1/webhooks/${webhook.id}/deliveries/${delivery!.id}` });
    expect(detail.json()).toMatchObject({
      payload: body,
      attemptLog: [{ statusCode: 200, responseExcerpt: 'ok', error: null }],
    });
  });

  it('fails verification for a tampered body, another secret or an old timestamp', async () => {
    const webhook = await createWebhook(`${receiver.url}/tampered`);
    await createSession('tampered');
    const [request] = await waitFor(
      'the delivery',
      () => requestsTo('/tampered').length === 1 && requestsTo('/tampered'),
    );
    const { headers, body } = request!;
    expect(verifyWebhook(webhook.secret, headers, body)).toBe(true);
    expect(verifyWebhook(webhook.secret, headers, body.replace('tampered', 'tampereD'))).toBe(false);
    expect(verifyWebhook(`${webhook.secret}x`, headers, body)).toBe(false);
    expect(verifyWebhook(webhook.secret, headers, body, { now: Date.now() / 1000 + 3600 })).toBe(false);
  });

  it('delivers only the events a webhook subscribes to', async () => {
    const webhook = await createWebhook(`${receiver.url}/alerts-only`, ['system.alert']);
    await createSession('not for alerts');
    await testApp.app.webhookOutbox.flush();
    expect(await deliveriesOf(webhook.id)).toEqual([]);
  });

  it('retries a failing receiver, then disables the webhook with a system.alert and a mail to the administrators', async () => {
    const failing = await startTestReceiver(500);
    try {
      const webhook = await createWebhook(`${failing.url}/down`);
      await createSession('first failure');
      await createSession('second failure');
      // Two deliveries, each tried once and retried once (WEBHOOK_RETRY_LIMIT=1): two failures in a row.
      const disabled = await waitFor(
        'the webhook disabled',
        async () => {
          const response = await testApp.api({ url: `/api/v1/webhooks/${webhook.id}` });
          return response.json().enabled === false && response.json();
        },
        30_000,
      );
      expect(disabled).toMatchObject({
        consecutiveFailures: 2,
        disabledReason: expect.stringContaining('2'),
      });
      expect(failing.received).toHaveLength(4);
      const deliveries = await deliveriesOf(webhook.id);
      expect(deliveries.map((delivery) => [delivery.status, delivery.attempts])).toEqual([
        ['FAILED', 2],
        ['FAILED', 2],
      ]);
      const detail = await testApp.api({
        url: `/api/v1/webhooks/${webhook.id}/deliveries/${deliveries[0]!.id}`,
      });
      expect(detail.json().attemptLog).toEqual([
        expect.objectContaining({
          statusCode: 500,
          responseExcerpt: 'receiver is down',
          error: expect.any(String),
        }),
        expect.objectContaining({ statusCode: 500 }),
      ]);

      const alert = await waitFor('the alert', () =>
        published.find((event) => event.name === 'system.alert'),
      );
      expect(alert.payload).toMatchObject({ code: 'WEBHOOK_DISABLED', details: { webhookId: webhook.id } });
      const mail = await smtp.nextMailTo(TEST_ADMIN.email);
      expect(mail.subject).toContain('webhook was disabled');
      expect(mail.text).toContain(`${failing.url}/down`);

      // Disabled: new events make no deliveries; a redelivery is refused until it is enabled.
      await createSession('while disabled');
      await testApp.app.webhookOutbox.flush();
      expect(await deliveriesOf(webhook.id)).toHaveLength(2);
      const refused = await testApp.api({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/deliveries/${deliveries[0]!.id}/redeliver`,
      });
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'WEBHOOK_DISABLED']);

      // The receiver is fixed, the webhook enabled again: a redelivery goes out with the same id.
      failing.status = 200;
      const enabled = await testApp.api({
        method: 'PATCH',
        url: `/api/v1/webhooks/${webhook.id}`,
        payload: { enabled: true },
      });
      expect(enabled.json()).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
      const redelivered = await testApp.api({
        method: 'POST',
        url: `/api/v1/webhooks/${webhook.id}/deliveries/${deliveries[0]!.id}/redeliver`,
      });
      expect(redelivered.statusCode, redelivered.body).toBe(202);
      await waitFor('the redelivery', async () => {
        const response = await testApp.api({
          url: `/api/v1/webhooks/${webhook.id}/deliveries/${deliveries[0]!.id}`,
        });
        return response.json().status === 'DELIVERED';
      });
      const last = failing.received.at(-1)!;
      expect(last.headers['fleetwright-webhook-id']).toBe(deliveries[0]!.id);
      expect(failing.received).toHaveLength(5);
    } finally {
      await failing.close();
    }
  });

  it('sends a webhook.ping on asking', async () => {
    const webhook = await createWebhook(`${receiver.url}/ping`);
    const response = await testApp.api({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/test` });
    expect(response.statusCode, response.body).toBe(202);
    const [request] = await waitFor(
      'the ping',
      () => requestsTo('/ping').length === 1 && requestsTo('/ping'),
    );
    expect(JSON.parse(request!.body)).toMatchObject({ id: response.json().id, event: 'webhook.ping' });
    expect(verifyWebhook(webhook.secret, request!.headers, request!.body)).toBe(true);
  });

  it('lists each webhook with its last delivery: none before the first, then its status, HTTP status and time', async () => {
    const failing = await startTestReceiver(500);
    try {
      const quiet = await createWebhook(`${receiver.url}/quiet`, ['system.alert']);
      const pinged = await createWebhook(`${receiver.url}/listed`);
      const down = await createWebhook(`${failing.url}/listed-down`, ['system.alert']);
      const listed = async () => {
        const response = await testApp.api({ url: '/api/v1/webhooks' });
        expect(response.statusCode, response.body).toBe(200);
        const items = response.json().items as { id: string; lastDelivery: unknown }[];
        return new Map(items.map((item) => [item.id, item.lastDelivery]));
      };
      expect((await listed()).get(quiet.id)).toBeNull();
      expect((await listed()).get(pinged.id)).toBeNull();

      const before = Date.now();
      const ping = await testApp.api({ method: 'POST', url: `/api/v1/webhooks/${pinged.id}/test` });
      const failed = await testApp.api({ method: 'POST', url: `/api/v1/webhooks/${down.id}/test` });
      const lists = await waitFor('both pings tried', async () => {
        const current = await listed();
        return current.get(pinged.id) && current.get(down.id) ? current : undefined;
      });
      expect(lists.get(pinged.id)).toEqual({
        deliveryId: ping.json().id,
        event: 'webhook.ping',
        status: 'DELIVERED',
        statusCode: 200,
        at: expect.any(String),
      });
      const at = Date.parse((lists.get(pinged.id) as { at: string }).at);
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      // A failed attempt with a retry to come (WEBHOOK_RETRY_LIMIT=1) is still PENDING.
      expect(lists.get(down.id)).toMatchObject({ deliveryId: failed.json().id, statusCode: 500 });
      expect(lists.get(quiet.id)).toBeNull();
    } finally {
      await failing.close();
    }
  });
});

describe('webhook secrets', () => {
  it('answers the secret at creation and rotation only, and stores it sealed', async () => {
    const webhook = await createWebhook(`${receiver.url}/rotated`);
    for (const url of [`/api/v1/webhooks/${webhook.id}`, '/api/v1/webhooks']) {
      const response = await testApp.api({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(webhook.secret);
      expect(response.body).not.toContain('whsec_');
    }
    const { rows } = await testApp.testDatabase.database.pool.query(
      'SELECT secret FROM webhooks WHERE id = $1',
      [webhook.id],
    );
    expect(rows[0].secret).not.toContain(webhook.secret.slice(6));

    const rotated = await testApp.api({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/rotate-secret`,
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(webhook.secret);
    await testApp.api({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/test` });
    const [request] = await waitFor(
      'the ping',
      () => requestsTo('/rotated').length === 1 && requestsTo('/rotated'),
    );
    expect(verifyWebhook(newSecret, request!.headers, request!.body)).toBe(true);
    expect(verifyWebhook(webhook.secret, request!.headers, request!.body)).toBe(false);
  });
});

describe('webhook URLs and the SSRF guard', () => {
  it('refuses a URL on a private address unless it is one of the organization private targets', async () => {
    const webhook = await createWebhook(`${receiver.url}/guarded`);
    await setPrivateTargets([]);
    try {
      const refused = await testApp.api({
        method: 'POST',
        url: '/api/v1/webhooks',
        payload: { url: `${receiver.url}/refused`, events: ['session.created'] },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });
      const metadata = await testApp.api({
        method: 'PATCH',
        url: `/api/v1/webhooks/${webhook.id}`,
        payload: { url: 'http://169.254.169.254/latest/meta-data' },
      });
      expect(metadata.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });

      // Saved while allowed: at delivery the address is checked again, and refused.
      const ping = await testApp.api({ method: 'POST', url: `/api/v1/webhooks/${webhook.id}/test` });
      const attempt = await waitFor('the refused attempt', async () => {
        const detail = await testApp.api({
          url: `/api/v1/webhooks/${webhook.id}/deliveries/${ping.json().id}`,
        });
        return detail.json().attemptLog[0];
      });
      expect(attempt).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/not allowed|private|loopback/i),
      });
      expect(requestsTo('/guarded')).toEqual([]);
    } finally {
      await setPrivateTargets(['127.0.0.1']);
    }
  });

  it('answers 400 naming the field for an unknown event or a bad URL', async () => {
    const unknown = await testApp.api({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: `${receiver.url}/x`, events: ['session.frame'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('events.0');
    const badUrl = await testApp.api({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { url: 'ftp://example.com/', events: ['session.created'] },
    });
    expect([badUrl.statusCode, badUrl.json().field]).toEqual([400, 'url']);
  });
});
