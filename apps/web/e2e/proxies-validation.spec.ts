import { freePort, startTestProxy, type TestProxy } from '@fleetwright/testing';
import { expect, type Page, test } from '@playwright/test';
import { adminApiKey } from './support';

// Issue 10, validation runs from the proxies page, through real proxies on loopback: the platform's
// worker checks each one by asking the server's own echo (PROXY_CHECK_URL, set by global-setup.ts)
// through it. One proxy works, one port refuses, one proxy never answers (a run that lasts the
// check timeout, 5 s, long enough to ask again while it runs).
test.describe.configure({ mode: 'serial' });

const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });
const VALIDATIONS = '**/api/v1/proxies/validations/**';

let working: TestProxy;
let hanging: TestProxy;
let refusingPort: number;
const ids = { working: '', refusing: '', hanging: '' };

const row = (page: Page, id: string) => page.getByTestId(`proxy-row-${id}`);
const status = (page: Page, id: string) => row(page, id).getByTestId('proxy-status-badge');
const progressBar = (page: Page) => page.getByTestId('validation-progress').getByRole('progressbar');

test.beforeAll(async ({ request }) => {
  [working, hanging, refusingPort] = await Promise.all([
    startTestProxy(),
    startTestProxy({ hang: true }),
    freePort(), // nothing listens there: connections are refused
  ]);
  const emptied = await request.post('/api/v1/proxies/delete', { headers: auth(), data: { filter: {} } });
  expect(emptied.status()).toBe(200);
  for (const [name, port] of [
    ['working', working.port],
    ['refusing', refusingPort],
    ['hanging', hanging.port],
  ] as const) {
    const created = await request.post('/api/v1/proxies', {
      headers: auth(),
      data: { host: '127.0.0.1', port, tags: ['validation-e2e'] },
    });
    expect(created.status()).toBe(201);
    ids[name] = (await created.json()).id;
  }
});

test.afterAll(async ({ request }) => {
  await request.post('/api/v1/proxies/delete', { headers: auth(), data: { filter: {} } });
  await Promise.all([working?.close(), hanging?.close()]);
});

test('validates a selection: events drive the progress to the end, the table and the check history', async ({
  page,
}) => {
  // The progress must come from proxy.validated events alone: its polling fallback is cut off.
  await page.route(VALIDATIONS, (route) => route.abort());
  await page.goto('/proxies');
  await expect(status(page, ids.working)).toHaveAttribute('data-status', 'UNCHECKED');
  await row(page, ids.working).getByRole('checkbox').check();
  await row(page, ids.refusing).getByRole('checkbox').check();
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Validate' }).click();

  const bar = progressBar(page);
  await expect(bar).toHaveAttribute('aria-valuemax', '2');
  await expect(bar).toHaveAttribute('aria-valuenow', '2');
  // No event says the run is over (the last one still says RUNNING): the polling does, once allowed.
  await page.unroute(VALIDATIONS);
  await expect(page.getByTestId('validation-progress')).toHaveAttribute('data-status', 'COMPLETED');
  await expect(page.getByTestId('validation-progress')).toContainText(
    '2 of 2 checked · 1 working · 1 failed',
  );
  await expect(status(page, ids.working)).toHaveAttribute('data-status', 'HEALTHY');
  // One failure in a row: DEGRADED (DOWN comes after PROXY_DOWN_AFTER, 3).
  await expect(status(page, ids.refusing)).toHaveAttribute('data-status', 'DEGRADED');
  await expect(status(page, ids.hanging)).toHaveAttribute('data-status', 'UNCHECKED');

  await row(page, ids.working).getByRole('button', { name: '127.0.0.1', exact: true }).click();
  const chart = page.getByTestId('proxy-drawer').getByTestId('checks-chart');
  await expect(chart).toContainText('1 check, 100% successful');
  await expect(chart.locator('.recharts-scatter-symbol')).toHaveCount(1);
});

test("asking again while a run is in progress shows that run's progress", async ({ page, request }) => {
  await page.goto('/proxies');
  await row(page, ids.working).getByRole('checkbox').check();
  // A run over all three, started elsewhere: the hanging proxy keeps it going for the check timeout.
  const started = await request.post('/api/v1/proxies/validate', {
    headers: auth(),
    data: { ids: [ids.working, ids.refusing, ids.hanging] },
  });
  expect(started.status()).toBe(202);
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Validate' }).click();

  // 409 PROXY_VALIDATION_IN_PROGRESS: not an error, the running run's progress (3 proxies, not 1).
  await expect(page.getByText('A validation is already running: here is its progress.')).toBeVisible();
  const bar = progressBar(page);
  await expect(bar).toHaveAttribute('aria-valuemax', '3');
  await expect(bar).toHaveAttribute('aria-valuenow', '3');
  await expect(page.getByTestId('validation-progress')).toContainText(
    '3 of 3 checked · 1 working · 2 failed',
  );
  await expect(status(page, ids.hanging)).toHaveAttribute('data-status', 'DEGRADED');
});
