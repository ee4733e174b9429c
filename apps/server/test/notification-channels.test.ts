import { randomUUID } from 'node:crypto';
import { type NotificationJob, queues } from '@fleetwright/contracts';
import { startTestSmtp, type TestSmtp, waitFor } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/auth/mailer.ts';
import { startNotificationConsumer } from '../src/notification-channels/consumer.ts';
import { HttpPoster } from '../src/webhooks/http-post.ts';
import { startTestApp, type TestApp, testLogger } from './support.ts';
import { startTestReceiver, type TestReceiver, verifyWebhook } from './webhook-receiver.ts';

/**
 * Issue 11: notification channels. The notification queue is fed by executions ending (jobs and
 * executions are another part of the issue); here the queue jobs are enqueued by hand, and the
 * loader names the job as a test would.
 */

const PUBLIC_URL = 'https://fleet.example.test';
const BOT_TOKEN = '123456:AAH-test-token-abcdefghijklmnopqrstu';

let smtp: TestSmtp;
let receiver: TestReceiver;
let testApp: TestApp;
let poster: HttpPoster;
let consumer: { stop(): Promise<void> };

beforeAll(async () => {
  smtp = await startTestSmtp();
  receiver = await startTestReceiver();
  testApp = await startTestApp({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      PUBLIC_URL,
      TELEGRAM_API_URL: `${receiver.url}/telegram`,
    },
  });
  const { config, database, boss } = testApp.testDatabase;
  poster = new HttpPoster({
    allowPrivate: config.ALLOW_PRIVATE_TARGETS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  });
  consumer = await startNotificationConsumer({
    db: database.db,
    boss,
    keyring: testApp.app.keyring,
    config,
    poster,
    mailer: createMailer({ config, db: database.db, logger: testLogger() }),
    logger: testLogger(),
    loadSubject: async (job) => ({
      jobName: 'Checkout monitor',
      executionId: job.executionId,
      outcome: job.outcome,
      firstError: job.outcome === 'failure' ? 'assert text "Thank you" failed at step 4' : null,
    }),
  });
});

afterAll(async () => {
  await consumer?.stop();
  await poster?.close();
  await testApp?.close();
  await receiver?.close();
  await smtp?.close();
});

async function createChannel(body: object) {
  const response = await testApp.api({ method: 'POST', url: '/api/v1/notification-channels', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function notify(channelId: string, outcome: NotificationJob['outcome']): Promise<string> {
  const executionId = randomUUID();
  const job: NotificationJob = {
    organizationId: testApp.administrator.organizationId,
    channelId,
    jobId: randomUUID(),
    executionId,
    outcome,
  };
  await testApp.testDatabase.boss.send(queues.notification, job);
  return executionId;
}

const requestsTo = (path: string) => receiver.received.filter((request) => request.path === path);

describe('notifications of an execution', () => {
  it('mail the recipients of an email channel', async () => {
    const channel = await createChannel({ kind: 'email', name: 'On call', to: ['oncall@example.test'] });
    const executionId = await notify(channel.id, 'failure');
    const mail = await smtp.nextMailTo('oncall@example.test');
    expect(mail.subject).toBe('Fleetwright: Checkout monitor failed');
    expect(mail.text).toContain('assert text "Thank you" failed at step 4');
    expect(mail.text).toContain(`${PUBLIC_URL}/executions/${executionId}`);
  });

  it('post to Slack and Discord incoming webhooks in their formats', async () => {
    const slack = await createChannel({
      kind: 'slack',
      name: 'Slack',
      url: `${receiver.url}/slack/T000/B000/XXXX`,
    });
    const discord = await createChannel({
      kind: 'discord',
      name: 'Discord',
      url: `${receiver.url}/discord/123/abcd`,
    });
    const slackExecution = await notify(slack.id, 'recovery');
    const discordExecution = await notify(discord.id, 'success');
    const [toSlack] = await waitFor(
      'Slack',
      () => requestsTo('/slack/T000/B000/XXXX').length > 0 && requestsTo('/slack/T000/B000/XXXX'),
    );
    expect(JSON.parse(toSlack!.body)).toEqual({
      text: expect.stringContaining(`Checkout monitor recovered`),
    });
    expect(JSON.parse(toSlack!.body).text).toContain(`${PUBLIC_URL}/executions/${slackExecution}`);
    const [toDiscord] = await waitFor(
      'Discord',
      () => requestsTo('/discord/123/abcd').length > 0 && requestsTo('/discord/123/abcd'),
    );
    expect(JSON.parse(toDiscord!.body)).toEqual({
      content: expect.stringContaining(`${PUBLIC_URL}/executions/${discordExecution}`),
    });
  });

  it('send a Telegram message through the bot API at TELEGRAM_API_URL', async () => {
    const channel = await createChannel({
      kind: 'telegram',
      name: 'Telegram',
      botToken: BOT_TOKEN,
      chatId: '-1001234',
    });
    const executionId = await notify(channel.id, 'failure');
    const path = `/telegram/bot${BOT_TOKEN}/sendMessage`;
    const [request] = await waitFor('Telegram', () => requestsTo(path).length > 0 && requestsTo(path));
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      chat_id: '-1001234',
      text: expect.stringContaining('Checkout monitor failed'),
    });
    expect(body.text).toContain(`${PUBLIC_URL}/executions/${executionId}`);
  });

  it('post a signed body to a webhook channel', async () => {
    const secret = 'whsec_channel-secret-0123456789';
    const channel = await createChannel({
      kind: 'webhook',
      name: 'Hook',
      url: `${receiver.url}/channel-hook`,
      secret,
    });
    const executionId = await notify(channel.id, 'failure');
    const [request] = await waitFor(
      'the webhook',
      () => requestsTo('/channel-hook').length > 0 && requestsTo('/channel-hook'),
    );
    expect(verifyWebhook(secret, request!.headers, request!.body)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      event: 'notification',
      data: {
        jobName: 'Checkout monitor',
        outcome: 'failure',
        executionId,
        link: `${PUBLIC_URL}/executions/${executionId}`,
      },
    });
  });

  it('send nothing to a disabled channel', async () => {
    const channel = await createChannel({ kind: 'slack', name: 'Muted', url: `${receiver.url}/muted/slack` });
    await testApp.api({
      method: 'PATCH',
      url: `/api/v1/notification-channels/${channel.id}`,
      payload: { enabled: false },
    });
    await notify(channel.id, 'failure');
    const live = await createChannel({ kind: 'slack', name: 'Live', url: `${receiver.url}/live/slack` });
    await notify(live.id, 'failure');
    // Jobs are taken in order: once the later one arrived, the earlier one was handled.
    await waitFor('the live channel', () => requestsTo('/live/slack').length > 0);
    expect(requestsTo('/muted/slack')).toEqual([]);
  });
});

describe('notification channels', () => {
  it('answer secret parts masked, never whole', async () => {
    const url = `${receiver.url}/slack/T111/B222/secret-path-wxyz`;
    const slack = await createChannel({ kind: 'slack', name: 'Masked', url });
    const telegram = await createChannel({
      kind: 'telegram',
      name: 'Masked bot',
      botToken: BOT_TOKEN,
      chatId: '@ops_channel',
    });
    expect(slack).toMatchObject({ url: `${receiver.url}/…wxyz`, secretHint: '…wxyz' });
    expect(telegram).toMatchObject({ chatId: '@ops_channel', secretHint: `…${BOT_TOKEN.slice(-4)}` });
    for (const path of ['/api/v1/notification-channels', `/api/v1/notification-channels/${slack.id}`]) {
      const response = await testApp.api({ url: path });
      expect(response.body).not.toContain('secret-path');
      expect(response.body).not.toContain(BOT_TOKEN);
    }
    const { rows } = await testApp.testDatabase.database.pool.query(
      'SELECT secret FROM notification_channels WHERE id = ANY($1::uuid[])',
      [[slack.id, telegram.id]],
    );
    for (const row of rows) expect(row.secret).not.toMatch(/secret-path|AAH-test-token/);
  });

  it('send a test message on asking, and say when it did not go through', async () => {
    const channel = await createChannel({
      kind: 'discord',
      name: 'Test me',
      url: `${receiver.url}/discord/test-me`,
    });
    const ok = await testApp.api({ method: 'POST', url: `/api/v1/notification-channels/${channel.id}/test` });
    expect(ok.json()).toEqual({ ok: true, statusCode: 200, error: null });
    expect(JSON.parse(requestsTo('/discord/test-me')[0]!.body).content).toContain('Test notification');

    const down = await startTestReceiver(404);
    await down.close();
    await testApp.api({
      method: 'PATCH',
      url: `/api/v1/notification-channels/${channel.id}`,
      payload: { url: `${down.url}/gone` },
    });
    const failed = await testApp.api({
      method: 'POST',
      url: `/api/v1/notification-channels/${channel.id}/test`,
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('refuse a field of another kind, naming it', async () => {
    const channel = await createChannel({ kind: 'email', name: 'Mail only', to: ['a@example.test'] });
    const response = await testApp.api({
      method: 'PATCH',
      url: `/api/v1/notification-channels/${channel.id}`,
      payload: { botToken: BOT_TOKEN },
    });
    expect([response.statusCode, response.json().field]).toEqual([400, 'botToken']);
    const unknownKind = await testApp.api({
      method: 'POST',
      url: '/api/v1/notification-channels',
      payload: { kind: 'pager', name: 'x' },
    });
    expect(unknownKind.statusCode).toBe(400);
  });

  it('refuse a URL on a private address when the guard is on', async () => {
    const guarded = await startTestApp({ env: { ALLOW_PRIVATE_TARGETS: '0' } });
    try {
      const response = await guarded.api({
        method: 'POST',
        url: '/api/v1/notification-channels',
        payload: { kind: 'slack', name: 'Internal', url: 'http://10.0.0.5/hooks/x' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'TARGET_NOT_ALLOWED', field: 'url' });
    } finally {
      await guarded.close();
    }
  });
});
