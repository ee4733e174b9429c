import { expect, type Page, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow, sql } from './support';

// Issue 10, the proxies pages, signed in as the administrator (storageState from auth.setup.ts).
// One pool walked through in order: import, filters and map, drawer and blacklist, a phone in the
// dark, bulk delete. A proxy's country and health are written by checks through real proxies;
// here they are set in the database, as a worker would.
test.describe.configure({ mode: 'serial' });

const FAST = '203.0.113.10';
const SOCKS = '198.51.100.7';
const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });
const row = (page: Page, host: string) => page.locator(`[data-testid^="proxy-row-"][data-host="${host}"]`);

test.beforeAll(async ({ request }) => {
  const emptied = await request.post('/api/v1/proxies/delete', { headers: auth(), data: { filter: {} } });
  expect(emptied.status()).toBe(200);
});

test('imports a pasted list after a preview that names the broken line', async ({ page, request }) => {
  await page.goto('/proxies');
  await expect(page.getByTestId('proxies-table')).toContainText(
    'Fleetwright never takes proxies from public lists',
  );

  await page.getByTestId('import-proxies').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog
    .locator('[name="list"]')
    .fill(`${FAST}:8080\n${FAST}:99999\nsocks5://alice:very-secret@${SOCKS}:1080\n`);
  await dialog.locator('[name="tags"]').fill('e2e');
  await page.getByTestId('import-preview').click();

  const result = page.getByTestId('import-result');
  await expect(result).toContainText('3 lines read: 2 new, 0 already in the pool, 1 invalid.');
  await expect(result).toContainText(`socks5://alice:•••@${SOCKS}:1080`);
  const problems = page.getByTestId('import-problems');
  await expect(problems.getByRole('listitem')).toHaveCount(1);
  await expect(problems).toContainText('Line 2');
  await expect(problems).toContainText('port');
  // A preview writes nothing.
  const before = await request.get('/api/v1/proxies', { headers: auth() });
  expect((await before.json()).total).toBe(0);

  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  await expect(row(page, FAST)).toBeVisible();
  await expect(row(page, SOCKS)).toBeVisible();
  await expect(row(page, SOCKS)).toContainText('e2e');
  await expect(row(page, SOCKS).getByTestId('proxy-status-badge')).toHaveAttribute(
    'data-status',
    'UNCHECKED',
  );
});

test('filters the table from the URL and shades the map by exit country', async ({ page }) => {
  await sql(`UPDATE proxies SET country = 'DE', status = 'HEALTHY', latency_ms = 120 WHERE host = $1`, [
    FAST,
  ]);
  await sql(`UPDATE proxies SET country = 'BR', status = 'DOWN' WHERE host = $1`, [SOCKS]);
  await page.goto('/proxies');

  const map = page.getByTestId('exits-map');
  await expect(map.locator('path[data-country="DE"]')).toHaveAttribute('data-count', '1');
  await expect(map.locator('path[data-country="BR"]')).toHaveAttribute('data-count', '1');
  await expect(map.locator('path[data-country="FR"]')).toHaveAttribute('data-count', '0');
  await expect(row(page, FAST)).toContainText('DE');
  await expect(row(page, FAST)).toContainText('120 ms');

  await page.getByTestId('proxy-status-filter').click();
  await page.getByRole('option', { name: 'Healthy' }).click();
  await expect(page).toHaveURL(/[?&]status=HEALTHY/);
  await expect(row(page, FAST)).toBeVisible();
  await expect(row(page, SOCKS)).toHaveCount(0);

  // A click on a country filters by it (and replaces nothing else but the page).
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await map.locator('path[data-country="BR"]').click();
  await expect(page).toHaveURL(/[?&]country=BR/);
  await expect(row(page, SOCKS)).toBeVisible();
  await expect(row(page, FAST)).toHaveCount(0);

  // The filters live in the URL: a link opens the same view.
  await page.goto('/proxies?protocol=socks5');
  await expect(row(page, SOCKS)).toBeVisible();
  await expect(row(page, FAST)).toHaveCount(0);
  await page.goto('/proxies?search=203.0.113');
  await expect(row(page, FAST)).toBeVisible();
  await expect(row(page, SOCKS)).toHaveCount(0);
});

test("opens a proxy's drawer, never shows its password, and blacklists it and back", async ({ page }) => {
  await page.goto('/proxies');
  await row(page, SOCKS).getByRole('button', { name: SOCKS, exact: true }).click();
  const drawer = page.getByTestId('proxy-drawer');
  await expect(drawer).toContainText(`${SOCKS}:1080`);
  await expect(drawer).toContainText('SOCKS5');
  await expect(drawer).toContainText('alice');
  await expect(drawer).toContainText('Set (write-only)');
  await expect(drawer).toContainText('Brazil');
  await expect(drawer).not.toContainText('very-secret');

  await drawer.getByRole('button', { name: 'Blacklist' }).click();
  await expect(drawer.getByTestId('proxy-status-badge')).toHaveAttribute('data-status', 'BLACKLISTED');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('proxy-drawer')).toHaveCount(0);
  await expect(row(page, SOCKS).getByTestId('proxy-status-badge')).toHaveAttribute(
    'data-status',
    'BLACKLISTED',
  );

  // Un-blacklisting, as a bulk action on a selection: UNCHECKED until the next check.
  await row(page, SOCKS).getByRole('checkbox').check();
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Un-blacklist' }).click();
  await expect(row(page, SOCKS).getByTestId('proxy-status-badge')).toHaveAttribute(
    'data-status',
    'UNCHECKED',
  );
  await expect(page.getByTestId('bulk-actions')).toHaveCount(0);
});

test.describe('on a phone in dark mode', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the pool, its map, the drawer, the import dialog and the providers fit the width', async ({
    page,
  }) => {
    await page.goto('/proxies');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId('exits-map').locator('path[data-country="DE"]')).toBeVisible();
    await expect(row(page, FAST)).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await row(page, FAST).getByRole('button', { name: FAST, exact: true }).click();
    await expect(page.getByTestId('proxy-drawer')).toContainText('Germany');
    await expectNoHorizontalOverflow(page);
    await page.keyboard.press('Escape');

    await page.getByTestId('import-proxies').click();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Providers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Proxy providers' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});

test('the provider form asks for what the chosen preset needs', async ({ page }) => {
  await page.goto('/proxies/providers');
  await page.getByTestId('add-provider').click();
  const form = page.getByTestId('provider-form');
  const kind = form.locator('[name="kind"]');
  // Bright Data: a customer id and a zone; sticky exits.
  await kind.selectOption('brightdata');
  await expect(form.getByLabel('Customer ID')).toBeVisible();
  await expect(form.locator('[name="zone"]')).toBeVisible();
  await expect(form.locator('[name="stickyMinutes"]')).toBeVisible();
  await expect(form.locator('[name="host"]')).toHaveAttribute('placeholder', 'brd.superproxy.io');
  // ProxyMesh: no zone, no sticky exit, only the countries it has servers in.
  await kind.selectOption('proxymesh');
  await expect(form.locator('[name="zone"]')).toHaveCount(0);
  await expect(form.locator('[name="stickyMinutes"]')).toHaveCount(0);
  await expect(form).toContainText('This provider has gateways for: US, GB, DE');
  // Nothing is sent while a required field is empty; the password is write-only (type=password).
  await expect(form.locator('[name="password"]')).toHaveAttribute('type', 'password');
  await form.getByRole('button', { name: 'Add provider' }).click();
  await expect(form.getByTestId('field-error-provider-name')).toHaveText('Required');
});

// Needs /api/v1/proxy-providers (issue 10's providers branch, merged on main at fea3543).
test('adds, edits and deletes a provider entry; its password is never shown', async ({ page }) => {
  await page.goto('/proxies/providers');
  await page.getByTestId('add-provider').click();
  const form = page.getByTestId('provider-form');
  await form.locator('[name="kind"]').selectOption('oxylabs');
  await form.locator('[name="name"]').fill('Oxylabs EU');
  await form.locator('[name="username"]').fill('acme');
  await form.locator('[name="password"]').fill('provider-secret');
  await form.locator('[name="countries"]').fill('de, fr');
  await form.locator('[name="stickyMinutes"]').fill('15');
  await form.getByRole('button', { name: 'Add provider' }).click();

  const table = page.getByTestId('providers-table');
  const entry = table.getByRole('row', { name: /Oxylabs EU/ });
  await expect(entry).toContainText('pr.oxylabs.io:7777');
  await expect(entry).toContainText('DE');
  await expect(entry).toContainText('FR');
  await expect(entry).toContainText('15 minutes');
  await expect(page.locator('body')).not.toContainText('provider-secret');

  // An edit without a password keeps the stored one; the gateway can be overridden.
  await entry.getByRole('button', { name: 'Edit Oxylabs EU' }).click();
  await expect(form.locator('[name="password"]')).toHaveValue('');
  await form.locator('[name="host"]').fill('dc.oxylabs.io');
  await form.locator('[name="port"]').fill('8001');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(entry).toContainText('dc.oxylabs.io:8001');

  await entry.getByRole('button', { name: 'Delete Oxylabs EU' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No provider accounts')).toBeVisible();
});

test('deletes a selection in bulk after asking', async ({ page }) => {
  await page.goto('/proxies');
  await expect(row(page, FAST)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select all proxies on this page' }).check();
  await expect(page.getByTestId('bulk-actions')).toContainText('2 selected');
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('proxies-table')).toContainText('No proxies yet');
  await expect(page.getByTestId('exits-map').locator('path[data-count="1"]')).toHaveCount(0);
});
