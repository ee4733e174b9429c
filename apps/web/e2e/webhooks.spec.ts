import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow } from './support';

// Issue 11, the webhooks and notification-channels pages, signed in as the administrator. One
// loopback receiver (started here) takes the deliveries; the secret the page shows once is the one
// the test checks their signatures with. Walked through in order: create, ping, redeliver, a
// channel, then a phone in the dark.
test.describe.configure({ mode: 'serial' });

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let receiver: Server;
let receiverUrl = '';
let secret = '';
let webhookPath = '';
const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });

test.beforeAll(async ({ request }) => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks from the e2e receiver');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // Earlier runs against the same data directory: start from no webhooks.
  const listed = await request.get('/api/v1/webhooks', { headers: auth() });
  for (const webhook of ((await listed.json()) as { items: Array<{ id: string }> }).items) {
    await request.delete(`/api/v1/webhooks/${webhook.id}`, { headers: auth() });
  }
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

/** The README's check: `v1=` and the hex HMAC-SHA256 of `timestamp.body`, keyed with the whole secret. */
function signatureIsValid(delivery: Received, key: string): boolean {
  const timestamp = String(delivery.headers['fleetwright-webhook-timestamp']);
  const expected = `v1=${createHmac('sha256', key).update(`${timestamp}.${delivery.body}`).digest('hex')}`;
  return delivery.headers['fleetwright-webhook-signature'] === expected;
}

/** The test pings the receiver got (the webhook also subscribes to session.created). */
const pings = () =>
  received.filter(
    (delivery) =>
      delivery.path === '/hook' && (JSON.parse(delivery.body) as { event: string }).event === 'webhook.ping',
  );
const deliveryRow = (page: Page, event: string) =>
  page.locator(`[data-testid^="delivery-row-"][data-event="${event}"]`);

test('a webhook is created and its signing secret is shown once', async ({ page }) => {
  await page.goto('/settings/webhooks');
  await expect(page.getByText('No webhooks yet')).toBeVisible();
  await page.getByTestId('add-webhook').click();
  const form = page.getByTestId('webhook-form');
  await form.locator('[name="url"]').fill(`${receiverUrl}/hook`);
  await form.locator('[name="description"]').fill('E2E receiver');
  // Nothing ticked: the form says so before asking the server.
  await form.getByTestId('save-webhook').click();
  await expect(form.getByTestId('field-error-webhook-events')).toHaveText('Choose at least one event');
  await form.getByRole('checkbox', { name: 'session.created' }).check();
  await form.getByRole('checkbox', { name: 'job.failed' }).check();
  await form.getByTestId('save-webhook').click();

  const shown = page.getByTestId('webhook-secret-value');
  await expect(shown).toHaveText(/^whsec_/);
  secret = (await shown.textContent()) ?? '';
  await expect(page.getByTestId('webhook-secret')).toContainText('Webhooks');
  const row = page.locator(`[data-testid^="webhook-row-"][data-url="${receiverUrl}/hook"]`);
  await expect(row).toContainText('2 events');
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText('None yet');

  // Once: after a reload the page has no way to show it again.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
  webhookPath = new URL(page.url()).pathname;
  await expect(page.getByTestId('webhook-events-list')).toHaveText(/session\.created.*job\.failed/);
});

test('a test ping reaches the receiver signed, and is redelivered with the same id', async ({ page }) => {
  await page.goto(webhookPath);
  await page.getByTestId('send-ping').click();
  const row = deliveryRow(page, 'webhook.ping');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'DELIVERED');
  await expect(row.getByTestId('delivery-attempts')).toHaveText('1');
  await expect(row).toContainText('200');

  expect(pings()).toHaveLength(1);
  const first = pings()[0]!;
  expect(signatureIsValid(first, secret)).toBe(true);
  const body = JSON.parse(first.body) as { id: string; event: string };
  expect(body).toMatchObject({ event: 'webhook.ping', id: first.headers['fleetwright-webhook-id'] });

  await row.getByRole('button', { name: 'Open the webhook.ping delivery' }).click();
  const sheet = page.getByTestId('delivery-sheet');
  await expect(sheet).toContainText(body.id);
  await expect(sheet.getByTestId('delivery-payload')).toContainText('"event": "webhook.ping"');
  await expect(sheet.getByTestId('delivery-attempt')).toHaveCount(1);
  await expect(sheet.getByTestId('delivery-attempt').first()).toContainText('thanks from the e2e receiver');
  await expect(sheet.getByTestId('attempt-status').first()).toHaveText('200');

  await sheet.getByTestId('redeliver').click();
  await expect(sheet.getByTestId('delivery-attempt')).toHaveCount(2);
  await expect(sheet.locator('[data-status]').first()).toHaveAttribute('data-status', 'DELIVERED');
  expect(pings()).toHaveLength(2);
  const again = pings()[1]!;
  expect(again.headers['fleetwright-webhook-id']).toBe(body.id);
  expect(JSON.parse(again.body)).toEqual(body);
  expect(signatureIsValid(again, secret)).toBe(true);
  await page.keyboard.press('Escape');

  // The filters ask the server: no FAILED delivery, one by the ping event.
  await page.getByTestId('deliveries-status-filter').selectOption('FAILED');
  await expect(page.getByText('No deliveries')).toBeVisible();
  await page.getByTestId('deliveries-status-filter').selectOption('');
  await page.getByTestId('deliveries-event-filter').selectOption('webhook.ping');
  await expect(page.locator('[data-testid^="delivery-row-"]')).toHaveCount(1);

  // The list's last delivery comes with the webhooks themselves: the redelivered ping, 200.
  await page.goto('/settings/webhooks');
  const lastDelivery = page
    .locator(`[data-testid^="webhook-row-"][data-url="${receiverUrl}/hook"]`)
    .getByTestId('last-delivery');
  await expect(lastDelivery.locator('[data-status]')).toHaveAttribute('data-status', 'DELIVERED');
  await expect(lastDelivery.getByTestId('last-delivery-code')).toHaveText('200');
  await expect(lastDelivery).toHaveAttribute('title', /^webhook\.ping, tried /);
});

test('a rotated secret signs the next ping; a disabled webhook says so', async ({ page }) => {
  await page.goto(webhookPath);
  await page.getByTestId('rotate-secret').click();
  await page.getByRole('button', { name: 'Rotate', exact: true }).click();
  const shown = page.getByTestId('webhook-secret-value');
  await expect(shown).toHaveText(/^whsec_/);
  const rotated = (await shown.textContent()) ?? '';
  expect(rotated).not.toBe(secret);

  await page.getByTestId('send-ping').click();
  await expect.poll(() => pings().length).toBe(3);
  expect(signatureIsValid(pings()[2]!, rotated)).toBe(true);
  expect(signatureIsValid(pings()[2]!, secret)).toBe(false);

  await page.getByTestId('toggle-webhook').click();
  await expect(page.getByTestId('webhook-summary').locator('[data-status="disabled"]')).toBeVisible();
  await page.getByTestId('toggle-webhook').click();
  await expect(page.getByTestId('webhook-summary').locator('[data-status="enabled"]')).toBeVisible();
});

test('notification channels: a webhook and a Slack channel are created and tested, the Slack URL masked', async ({
  page,
}) => {
  await page.goto('/settings/notifications');
  for (const channel of [
    { name: 'E2E hook', kind: 'webhook', url: `${receiverUrl}/notify` },
    { name: 'E2E Slack', kind: 'slack', url: `${receiverUrl}/services/T0/B0/slacksecret1234` },
  ]) {
    await page.getByTestId('add-channel').click();
    const form = page.getByTestId('channel-form');
    await form.locator('[name="name"]').fill(channel.name);
    await form.locator('[name="kind"]').selectOption(channel.kind);
    await form.locator('[name="url"]').fill(channel.url);
    await form.getByTestId('save-channel').click();
    await expect(form).toBeHidden();
  }

  const slack = page.locator('[data-testid^="channel-row-"][data-name="E2E Slack"]');
  await expect(slack).toContainText('…1234');
  await expect(slack).not.toContainText('slacksecret');

  for (const [name, path] of [
    ['E2E hook', '/notify'],
    ['E2E Slack', '/services/T0/B0/slacksecret1234'],
  ] as const) {
    const row = page.locator(`[data-testid^="channel-row-"][data-name="${name}"]`);
    await row.getByRole('button', { name: `Send a test to ${name}` }).click();
    await expect(row.getByTestId('channel-test-result')).toHaveAttribute('data-status', 'true');
    expect(received.filter((request) => request.path === path)).toHaveLength(1);
  }

  // Editing keeps the stored URL when its field is left empty.
  await slack.getByRole('button', { name: 'Edit E2E Slack' }).click();
  const form = page.getByTestId('channel-form');
  await expect(form).toContainText('Stored: …1234');
  await form.locator('[name="name"]').fill('E2E Slack 2');
  await form.getByTestId('save-channel').click();
  await expect(page.locator('[data-testid^="channel-row-"][data-name="E2E Slack 2"]')).toContainText('…1234');
});

test.describe('on a phone in dark mode', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the webhooks list, a webhook with its delivery, and the channels fit the width', async ({ page }) => {
    await page.goto('/settings/webhooks');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId('webhooks-table')).toBeVisible();
    // The last delivery gives way to the URL on a phone.
    await expect(page.getByTestId('last-delivery')).toBeHidden();
    await expectNoHorizontalOverflow(page);

    await page.goto(webhookPath);
    await expect(deliveryRow(page, 'webhook.ping').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await deliveryRow(page, 'webhook.ping').first().getByRole('button').click();
    await expect(page.getByTestId('delivery-attempt').first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.keyboard.press('Escape');

    await page.goto('/settings/notifications');
    await expect(page.getByTestId('channels-table')).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
