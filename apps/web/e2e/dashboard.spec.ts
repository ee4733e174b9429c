import { expect, test } from '@playwright/test';
import { adminApiKey, site } from './support';

// Signed in as the administrator (storageState from auth.setup.ts).

test('creates a session, sees it go RUNNING live and watches its frames', async ({ page }) => {
  await page.goto('/instances');
  await expect(page.getByTestId('instances-table')).toBeVisible();

  await page.goto('/instances/new');
  const form = page.getByTestId('create-instance-form');
  await form.locator('[name="name"]').fill('e2e session');
  await form.locator('[name="startUrl"]').fill(site());
  await form.getByRole('button', { name: /create/i }).click();

  // The form leads to the detail page; the badge turns RUNNING without a reload.
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.getByTestId('live-view-frame')).toBeVisible();
  const first = await page.getByTestId('live-view-frame').getAttribute('src');
  await expect.poll(() => page.getByTestId('live-view-frame').getAttribute('src')).not.toBe(first);

  // The list shows it RUNNING too.
  await page.goto('/instances');
  const row = page.getByTestId('instances-table').getByText('e2e session');
  await expect(row).toBeVisible();
});

test('shows the field errors of a bad form without creating anything', async ({ page }) => {
  await page.goto('/instances/new');
  const form = page.getByTestId('create-instance-form');
  await form.locator('[name="name"]').fill('bad');
  await form.locator('[name="startUrl"]').fill('not a url');
  await form.getByRole('button', { name: /create/i }).click();
  await expect(page.getByTestId('field-error-startUrl')).toBeVisible();
  await expect(page).toHaveURL(/\/instances\/new$/);
});

test('lists a session created through the API live, without a reload', async ({ page, request }) => {
  await page.goto('/instances');
  await expect(page.getByTestId('instances-table')).toBeVisible();
  const response = await request.post('/api/v1/instances', {
    headers: { authorization: `Bearer ${adminApiKey()}` },
    data: { name: 'made by the api', startUrl: site() },
  });
  expect(response.status()).toBe(201);
  const { id } = await response.json();
  const row = page.getByTestId(`instance-row-${id}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'RUNNING');
});
