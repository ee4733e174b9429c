import { expect, type Page, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow, site } from './support';

// Issue 11, the scripts pages, signed in as the administrator (storageState from auth.setup.ts).
// One script walked through in order: created from the library, saved twice (three versions),
// two versions compared, the editor's source run against the e2e site, then a phone in the dark.
test.describe.configure({ mode: 'serial' });

const NAME = `Heading reader ${Date.now()}`;
const SECOND = "console.warn('reading the heading');\nreturn document.querySelector('h1').textContent;\n";
let scriptUrl = '';

/**
 * Replaces the editor's text the way a paste does: `insertText` types the whole string at once,
 * so Monaco's auto-closing of brackets and quotes does not double them.
 */
async function replaceSource(page: Page, source: string): Promise<void> {
  const editor = page.getByTestId('script-source');
  await expect(editor.locator('.monaco-editor')).toBeVisible();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(source);
}

test('creates a script from the library and opens it in the editor', async ({ page }) => {
  await page.goto('/scripts');
  await page.getByTestId('new-script').click();
  const dialog = page.getByTestId('new-script-dialog');
  await dialog.locator('[name="name"]').fill(NAME);
  await dialog.getByTestId('create-script').click();

  await expect(page).toHaveURL(/\/scripts\/[0-9a-f-]{36}$/);
  scriptUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('script-name')).toHaveText(NAME);
  await expect(page.getByTestId('script-version')).toHaveText('v1');

  await page.goto('/scripts');
  const row = page.locator(`[data-testid^="script-row-"][data-name="${NAME}"]`);
  await expect(row).toContainText('v1');
  await expect(row).toContainText('Private');
});

test('saves two versions with messages and shows the diff of any two', async ({ page }) => {
  await page.goto(scriptUrl);
  await replaceSource(page, SECOND);
  await page.locator('[name="message"]').fill('Read the heading');
  await page.getByTestId('save-script').click();
  await expect(page.getByTestId('script-version')).toHaveText('v2');

  await page.locator('[name="tags"]').fill('e2e');
  await page.getByTestId('save-script').click();
  // Tags alone edit the script: no new version.
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await expect(page.getByTestId('script-version')).toHaveText('v2');

  await replaceSource(page, SECOND.replace('reading the heading', 'read the heading'));
  await page.locator('[name="message"]').fill('Past tense');
  await page.getByTestId('save-script').click();
  await expect(page.getByTestId('script-version')).toHaveText('v3');

  await page.getByTestId('history-tab').click();
  const versions = page.getByTestId('version-list');
  await expect(versions.getByRole('listitem')).toHaveCount(3);
  await expect(page.getByTestId('version-3')).toContainText('Past tense');
  await expect(page.getByTestId('version-3')).toContainText('You');
  await expect(page.getByTestId('version-2')).toContainText('Read the heading');

  // v1 → v3: the blank script's lines out, the heading reader's in.
  await page.locator('#diff-from').selectOption('1');
  await page.locator('#diff-to').selectOption('3');
  await page.getByTestId('compare').click();
  const diff = page.getByTestId('diff-dialog');
  await expect(diff).toContainText('Version 1 → version 3');
  await expect(diff.getByTestId('diff-summary')).toContainText('2 lines added, 4 removed');
  const added = diff.locator('[data-change="added"]');
  await expect(added.first()).toHaveText("+console.warn('read the heading');");
  await expect(diff.locator('[data-change="removed"]').first()).toContainText('// Runs in the page.');

  await diff.getByRole('tab', { name: 'Side by side' }).click();
  await expect(diff.getByTestId('diff-editor').locator('.monaco-diff-editor')).toBeVisible();
  await expect(diff.getByTestId('diff-editor')).toContainText('read the heading');
  await page.keyboard.press('Escape');
});

test("runs the editor's source against a local page and shows the value and the console", async ({
  page,
}) => {
  await page.goto(scriptUrl);
  await page.getByTestId('run-tab').click();
  await page.locator('[name="url"]').fill(site());
  await page.getByTestId('run-script').click();

  const result = page.getByTestId('run-result');
  await expect(result.getByTestId('run-value')).toHaveText('"Hello from the e2e site"');
  const line = result.getByTestId('run-console').getByRole('listitem');
  await expect(line).toHaveCount(1);
  // The contract's level: Playwright's 'warning' message type is reported as 'warn'.
  await expect(line).toHaveAttribute('data-level', 'warn');
  await expect(line).toContainText('read the heading');
  await expect(result.getByTestId('run-screenshot')).toBeVisible();
  await expect(result.getByTestId('run-timed-out')).toHaveCount(0);

  // A script that throws answers its error, and a value of null.
  await replaceSource(page, "throw new Error('no heading today');");
  await page.getByTestId('run-script').click();
  await expect(result.getByTestId('run-errors')).toContainText('no heading today');
});

test("the marketplace page shows the caller's own rating as the chosen stars", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${adminApiKey()}` };
  const id = scriptUrl.split('/').at(-1)!;
  const published = await request.post(`/api/v1/scripts/${id}/publish`, { headers: auth });
  expect(published.status(), await published.text()).toBe(200);
  await page.goto(`/marketplace/${id}`);
  const stars = page.getByTestId('rate-stars');
  await expect(stars.getByRole('button')).toHaveCount(5);
  await expect(stars.locator('[aria-pressed="true"]')).toHaveCount(0);

  // Rated through the API by the same user: the page reads it back (myRating).
  const rated = await request.put(`/api/v1/marketplace/scripts/${id}/rating`, {
    headers: auth,
    data: { rating: 4 },
  });
  expect(rated.status(), await rated.text()).toBe(200);
  await page.reload();
  await expect(stars.locator('[aria-pressed="true"]')).toHaveAccessibleName('4 stars');

  await stars.getByRole('button', { name: '2 stars', exact: true }).click();
  await expect(stars.locator('[aria-pressed="true"]')).toHaveAccessibleName('2 stars');
  await page.reload();
  await expect(stars.locator('[aria-pressed="true"]')).toHaveAccessibleName('2 stars');
});

test.describe('on a phone in the dark', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the library, the editor with its stacked side panel and the diff fit the width', async ({ page }) => {
    await page.goto('/scripts');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.locator(`[data-testid^="script-row-"][data-name="${NAME}"]`)).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await page.goto(scriptUrl);
    await expect(page.getByTestId('script-source').locator('.monaco-editor')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.getByTestId('history-tab').click();
    await expect(page.getByTestId('version-list').getByRole('listitem')).toHaveCount(3);
    await expectNoHorizontalOverflow(page);

    await page.getByTestId('compare').click();
    await expect(page.getByTestId('diff-unified')).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
