import { expect, type Page, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow } from './support';

// Issue 11, the organization secrets page, signed in as the administrator: create, replace,
// delete. The values typed are distinctive strings so the test can say they are nowhere in the
// page (nor in what the API answers) once saved: a secret's value is write-only.
test.describe.configure({ mode: 'serial' });

const NAME = 'E2E_API_TOKEN';
const FIRST_VALUE = 'first-value-7f3a9c-never-shown';
const SECOND_VALUE = 'second-value-b81e04-never-shown';
const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });
const row = (page: Page) => page.getByTestId(`secret-row-${NAME}`);

/** The whole document, form fields' values included: none may hold a saved value. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll('input, textarea')].map(
      (field) => (field as HTMLInputElement).value,
    );
    return `${document.documentElement.outerHTML}\n${fields.join('\n')}`;
  });
}

test.beforeAll(async ({ request }) => {
  // Earlier runs against the same data directory: start from no secrets.
  const listed = await request.get('/api/v1/secrets', { headers: auth() });
  for (const secret of ((await listed.json()) as { items: Array<{ id: string }> }).items) {
    await request.delete(`/api/v1/secrets/${secret.id}`, { headers: auth() });
  }
});

test('a secret is added from the settings sidebar and its value is not shown afterwards', async ({
  page,
}) => {
  await page.goto('/settings/profile');
  await page.getByRole('link', { name: 'Secrets' }).click();
  await expect(page).toHaveURL(/\/settings\/secrets$/);
  await expect(page.getByText('No secrets yet')).toBeVisible();
  await expect(page.getByText('{{secrets.NAME}}').first()).toBeVisible();

  await page.getByTestId('add-secret').click();
  const form = page.getByTestId('secret-form');
  // A name that cannot be written as {{secrets.NAME}}: the server refuses it and names the field.
  await form.locator('[name="name"]').fill('1-bad name');
  await form.locator('[name="value"]').fill(FIRST_VALUE);
  await form.getByTestId('save-secret').click();
  await expect(form.getByTestId('field-error-secret-name')).toBeVisible();
  await form.locator('[name="name"]').fill(NAME);
  await form.getByTestId('save-secret').click();
  await expect(form).toBeHidden();
  await expect(row(page)).toBeVisible();

  expect(await pageText(page)).not.toContain(FIRST_VALUE);
  await page.reload();
  await expect(row(page)).toBeVisible();
  expect(await pageText(page)).not.toContain(FIRST_VALUE);
});

test('a value is replaced without the old or the new one being shown', async ({ page, request }) => {
  await page.goto('/settings/secrets');
  await row(page)
    .getByRole('button', { name: `Replace the value of ${NAME}` })
    .click();
  const form = page.getByTestId('secret-form');
  // Write-only: replacing starts from an empty field, not from the stored value.
  await expect(form.locator('[name="value"]')).toHaveValue('');
  await form.locator('[name="value"]').fill(SECOND_VALUE);
  await form.getByTestId('save-secret').click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`Value of ${NAME} replaced`)).toBeVisible();

  const text = await pageText(page);
  expect(text).not.toContain(FIRST_VALUE);
  expect(text).not.toContain(SECOND_VALUE);
  const answered = await (await request.get('/api/v1/secrets', { headers: auth() })).text();
  expect(answered).toContain(NAME);
  expect(answered).not.toContain(SECOND_VALUE);
});

test.describe('on a phone in dark mode', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the list and the form fit the width', async ({ page }) => {
    await page.goto('/settings/secrets');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(row(page)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('add-secret').click();
    await expect(page.getByTestId('secret-form')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.keyboard.press('Escape');
  });
});

test('a secret is deleted after a confirmation', async ({ page }) => {
  await page.goto('/settings/secrets');
  await row(page)
    .getByRole('button', { name: `Delete ${NAME}` })
    .click();
  await page.getByRole('button', { name: 'Delete secret' }).click();
  await expect(row(page)).toBeHidden();
  await expect(page.getByText('No secrets yet')).toBeVisible();
});
