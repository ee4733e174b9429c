import { expect, test } from '@playwright/test';
import { adminApiKey, site } from './support';

// Signed in as the administrator (storageState from auth.setup.ts).

test('creates a session, sees it go RUNNING live and watches its frames', async ({ page }) => {
  await page.goto('/sessions');
  await expect(page.getByTestId('sessions-table')).toBeVisible();

  await page.goto('/sessions/new');
  const form = page.getByTestId('create-session-form');
  await form.locator('[name="name"]').fill('e2e session');
  await form.locator('[name="startUrl"]').fill(site());
  await form.getByRole('button', { name: /create/i }).click();

  // The form leads to the detail page; the badge turns RUNNING without a reload.
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'RUNNING');
  await expect(page.getByTestId('live-view-frame')).toBeVisible();
  const first = await page.getByTestId('live-view-frame').getAttribute('src');
  await expect.poll(() => page.getByTestId('live-view-frame').getAttribute('src')).not.toBe(first);

  // The list shows it RUNNING too.
  await page.goto('/sessions');
  const row = page.getByTestId('sessions-table').getByText('e2e session');
  await expect(row).toBeVisible();
});

test('shows the field errors of a bad form without creating anything', async ({ page }) => {
  await page.goto('/sessions/new');
  const form = page.getByTestId('create-session-form');
  await form.locator('[name="name"]').fill('bad');
  await form.locator('[name="startUrl"]').fill('not a url');
  await form.getByRole('button', { name: /create/i }).click();
  await expect(page.getByTestId('field-error-startUrl')).toBeVisible();
  await expect(page).toHaveURL(/\/sessions\/new$/);
});

test('lists a session created through the API live, without a reload', async ({ page, request }) => {
  await page.goto('/sessions');
  await expect(page.getByTestId('sessions-table')).toBeVisible();
  const response = await request.post('/api/v1/sessions', {
    headers: { authorization: `Bearer ${adminApiKey()}` },
    data: { name: 'made by the api', startUrl: site() },
  });
  expect(response.status()).toBe(201);
  const { id } = await response.json();
  const row = page.getByTestId(`session-row-${id}`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('status-badge')).toHaveAttribute('data-status', 'RUNNING');
});
