import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test as setup } from '@playwright/test';
import { ADMIN, adminStatePath, baseUrl, e2eDataDir, expectSignedIn } from './support';

setup('the setup page creates the first account and lands signed in', async ({ page }) => {
  // Nobody can sign in yet: the dashboard sends visitors to the hint about the setup link.
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByTestId('setup-hint')).toBeVisible();

  const token = readFileSync(path.join(e2eDataDir(), 'secrets', 'setup-token'), 'utf8').trim();
  await page.goto(`/setup?token=${encodeURIComponent(token)}`);
  const form = page.getByTestId('setup-form');
  await form.locator('[name="name"]').fill(ADMIN.name);
  await form.locator('[name="email"]').fill(ADMIN.email);
  await form.locator('[name="password"]').fill(ADMIN.password);
  // The acceptable-use notice must be accepted.
  await form.getByRole('button', { name: /create account/i }).click();
  await expect(page.getByTestId('field-error-acceptTerms')).toBeVisible();
  await form.getByRole('checkbox', { name: /acceptable-use/i }).check();
  await form.getByRole('button', { name: /create account/i }).click();

  await expect(page).toHaveURL(/\/sessions$/);
  await expectSignedIn(page);
  await expect(page.getByText('No sessions yet')).toBeVisible();

  // An API key for the specs' own calls, made the way a script would get one: with the session
  // cookie and the CSRF token.
  const me = await (await page.request.get('/api/v1/me')).json();
  expect(me).toMatchObject({ role: 'ADMIN', permissions: ['read', 'write', 'admin'] });
  const created = await page.request.post('/api/v1/api-keys', {
    headers: { 'x-csrf-token': me.csrfToken, origin: baseUrl() },
    data: { name: 'e2e specs', scopes: ['read', 'write', 'admin'] },
  });
  expect(created.status()).toBe(201);
  writeFileSync(
    path.join(e2eDataDir(), 'e2e-admin.json'),
    JSON.stringify({ apiKey: (await created.json()).key }),
  );
  await page.context().storageState({ path: adminStatePath()! });
});
