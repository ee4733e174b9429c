import { totp } from '@fleetwright/testing';
import { expect, type Page, test } from '@playwright/test';
import { ADMIN, baseUrl, expectSignedIn, signIn } from './support';

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

const getMe = (authorization: string) => fetch(`${baseUrl()}/api/v1/me`, { headers: { authorization } });

test.describe('signing in', () => {
  // A login session of their own: signing out must not end the one the other specs share.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('signs out, is sent to the sign-in page, and signs back in to where it was going', async ({
    page,
  }) => {
    await signIn(page, ADMIN);
    await expect(page).toHaveURL(/\/sessions$/);
    await expectSignedIn(page);
    await signOut(page);

    await page.goto('/workers');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fworkers$/);
    const form = page.getByTestId('sign-in-form');
    await form.locator('[name="email"]').fill(ADMIN.email);
    await form.locator('[name="password"]').fill(ADMIN.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/workers$/);
    await expectSignedIn(page);
  });

  test('says so when the password is wrong', async ({ page }) => {
    await signIn(page, { email: ADMIN.email, password: 'not the password at all' });
    await expect(page.getByTestId('form-error')).toContainText(/invalid email or password/i);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('turns on two-factor authentication, then asks for the code at sign-in', async ({ page }) => {
    await signIn(page, ADMIN);
    await expectSignedIn(page);
    await page.goto('/settings/profile');
    const card = page.getByTestId('two-factor');
    await expect(card.getByTestId('two-factor-status')).toHaveText(/off/i);
    await card.getByTestId('two-factor-enable').locator('[name="password"]').fill(ADMIN.password);
    await card.getByRole('button', { name: 'Turn on' }).click();
    const uri = await card.getByTestId('totp-uri').textContent();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    await expect(card.getByTestId('backup-codes').locator('li')).not.toHaveCount(0);
    await card
      .getByTestId('two-factor-confirm')
      .locator('[name="code"]')
      .fill(await totp(uri!));
    await card.getByRole('button', { name: 'Confirm' }).click();
    await expect(card.getByTestId('two-factor-status')).toHaveText(/on/i);

    try {
      await signOut(page);
      await signIn(page, ADMIN);
      const challenge = page.getByTestId('two-factor-form');
      await challenge.locator('[name="code"]').fill(await totp(uri!));
      await challenge.getByRole('button', { name: 'Verify' }).click();
      await expect(page).toHaveURL(/\/sessions$/);
      await expectSignedIn(page);
    } finally {
      // The other sign-in tests use the same account with its password alone.
      await page.goto('/settings/profile');
      await card.getByTestId('two-factor-disable').locator('[name="password"]').fill(ADMIN.password);
      await card.getByRole('button', { name: 'Turn off' }).click();
      await expect(card.getByTestId('two-factor-status')).toHaveText(/off/i);
    }
  });
});

test('shows a new API key once; it works as a bearer token until it is revoked', async ({ page }) => {
  await page.goto('/settings/api-keys');
  // A CSRF token from an older login session (another sign-in, a 2FA enrolment): the dashboard
  // fetches the current one and sends the change again instead of failing.
  await page.context().addCookies([{ name: 'fw_csrf', value: 'stale', url: baseUrl() }]);
  const form = page.getByTestId('create-api-key-form');
  await form.locator('[name="name"]').fill('e2e key');
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByTestId('new-api-key-value').textContent())!;
  expect(key).toMatch(/^fw_live_[0-9A-Za-z]{32}$/);

  const answer = await getMe(`Bearer ${key}`);
  expect(answer.status).toBe(200);
  expect(await answer.json()).toMatchObject({ via: 'apiKey', permissions: ['read'] });

  // Once: after a reload only its prefix is left.
  await page.reload();
  const row = page.getByTestId('api-keys-table').getByRole('row').filter({ hasText: 'e2e key' });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toHaveAttribute('data-state', 'revoked');
  expect((await getMe(`Bearer ${key}`)).status).toBe(401);
});

test('invites a member by email and cancels the invitation', async ({ page }) => {
  await page.goto('/settings/members');
  await expect(page.getByTestId('members-table')).toContainText(ADMIN.email);
  const form = page.getByTestId('invite-member-form');
  await form.locator('[name="email"]').fill('viewer@example.test');
  await form.locator('[name="role"]').selectOption('VIEWER');
  await form.getByRole('button', { name: 'Invite' }).click();
  const invitation = page.getByTestId('invitation-row-viewer@example.test');
  await expect(invitation).toContainText('Viewer');
  await invitation.getByRole('button', { name: 'Cancel' }).click();
  await expect(invitation).toHaveCount(0);
});
