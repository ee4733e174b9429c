import { startSite, type TestSite } from '@fleetwright/testing';
import { expect, type Page, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow, site } from './support';

// Issue 11, the jobs and execution pages, signed in as the administrator (storageState from
// auth.setup.ts). One job walked through in order: a flow with a bad step refused in the browser
// by its step index, the cron builder's next runs in a chosen time zone, then a flow job against
// the e2e site (global-setup.ts: <h1>Hello from the e2e site</h1>) created, run by hand, and its
// execution's extracted data, steps and screenshot shown; last, every page on a phone in the dark.
test.describe.configure({ mode: 'serial' });

const JOB_NAME = 'e2e heading check';
const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });
let jobId = '';
let executionId = '';

/** What the flow editor's Monaco (loaded from /monaco/vs, an AMD build) puts on `window`. */
type MonacoWindow = { monaco?: { editor: { getModels(): { setValue(value: string): void }[] } } };

/** A search form for the step editor's flow: it writes what was searched into #out. */
const SEARCH_PAGE = `<!doctype html><title>Search</title>
  <label>Query <input id="q" name="q"></label><button id="go" type="button">Search</button><p id="out"></p>
  <script>document.getElementById('go').addEventListener('click', () => {
    document.getElementById('out').textContent = 'You searched: ' + document.getElementById('q').value;
  });</script>`;
let searchSite: TestSite | undefined;

test.beforeAll(async () => {
  searchSite = await startSite({ '/search': SEARCH_PAGE });
});
test.afterAll(async () => {
  await searchSite?.close();
});

/**
 * Switches the flow to JSON (or YAML) and replaces its text through Monaco's model, as typing
 * would (the form follows the editor's change events); typed keys would get auto-closed brackets
 * and quotes added. A new job's flow opens in the step editor: the text is one click away.
 */
async function setFlowText(page: Page, text: string, format: 'json' | 'yaml' = 'json'): Promise<void> {
  await page.getByTestId(`flow-format-${format}`).click();
  await expect(page.getByTestId('flow-text').locator('.view-lines')).toBeVisible();
  await page.evaluate((value) => {
    const model = (window as unknown as MonacoWindow).monaco?.editor.getModels()[0];
    if (!model) throw new Error('the flow editor has no Monaco model');
    model.setValue(value);
  }, text);
}

test('refuses a flow with a bad step in the browser, naming the step by its index', async ({ page }) => {
  await page.goto('/jobs/new');
  const form = page.getByTestId('job-form');
  await form.locator('[name="name"]').fill('never created');
  await form.locator('[name="targets"]').fill(site());
  await setFlowText(page, '{"steps":[{"type":"goto","url":"{{target}}"},{"type":"click"}]}');

  const issues = page.getByTestId('flow-issues');
  await expect(issues).toContainText('Step 2');
  await expect(issues).toContainText('steps.1.selector');

  // YAML is read too, and its mistakes named the same way.
  await page.getByTestId('flow-format-yaml').click();
  await expect(issues).toContainText('steps.1.selector');

  // Nothing is sent while the flow is wrong.
  await page.getByTestId('job-form-submit').click();
  await expect(issues).toContainText('steps.1.selector');
  await expect(page).toHaveURL(/\/jobs\/new$/);
  const listed = await page.request.get('/api/v1/jobs?q=never%20created', { headers: auth() });
  expect((await listed.json()).total).toBe(0);
});

test('shows the next five runs of a cron schedule in the chosen time zone', async ({ page }) => {
  await page.goto('/jobs/new');
  await page.getByTestId('schedule-cron').check();
  const builder = page.getByTestId('cron-builder');
  await builder.locator('[name="schedule.timezone"]').fill('Asia/Tokyo');
  await builder.locator('select#schedule\\.preset').selectOption('daily');
  await expect(builder.locator('[name="schedule.cron"]')).toHaveValue('0 9 * * *');

  const runs = page.getByTestId('cron-next-runs').getByRole('listitem');
  await expect(runs).toHaveCount(5);
  // 09:00 in Tokyo is 00:00 UTC: the ISO instants behind the list say so.
  for (const at of await runs.evaluateAll((items) => items.map((item) => item.getAttribute('data-at')))) {
    expect(at).toMatch(/T00:00:00\.000Z$/);
  }
  await expect(runs.first()).toContainText('09:00');

  await builder.locator('[name="schedule.cron"]').fill('61 * * * *');
  await expect(page.getByTestId('cron-next-runs-invalid')).toBeVisible();
});

test('the dashboard creates a job, runs it and shows its execution', async ({ page }) => {
  await page.goto('/jobs');
  await page.getByTestId('new-job').click();
  await expect(page).toHaveURL(/\/jobs\/new$/);

  const form = page.getByTestId('job-form');
  await form.locator('[name="name"]').fill(JOB_NAME);
  await form.locator('[name="targets"]').fill(site());
  await setFlowText(
    page,
    JSON.stringify({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'extract', as: 'heading', selector: 'h1' },
        { type: 'assert', assert: 'text', selector: 'h1', expected: 'e2e site' },
        { type: 'screenshot', as: 'page' },
      ],
    }),
  );
  await expect(page.getByTestId('flow-issues')).toHaveCount(0);
  await page.getByTestId('schedule-manual').check();
  await page.getByTestId('job-form-submit').click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  jobId = page.url().split('/').pop()!;
  await expect(page.getByTestId('job-name')).toHaveText(JOB_NAME);
  await expect(page.getByTestId('job-schedule')).toHaveText('By hand only');
  await expect(page.getByTestId('job-targets')).toContainText(site());

  // Run now opens the execution, which goes to SUCCEEDED live (job.* events).
  await page.getByTestId('run-job').click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  executionId = page.url().split('/').pop()!;
  const detail = page.getByTestId('execution-detail');
  await expect(detail).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(detail.getByTestId('execution-progress')).toHaveAttribute('data-done', '1');

  // The data table's columns come from what the flow extracted.
  const data = page.getByTestId('execution-data-table');
  await expect(data.getByRole('columnheader', { name: 'heading' })).toBeVisible();
  await expect(data.locator('[data-column="heading"]')).toHaveText('Hello from the e2e site');
  await expect(page.getByTestId('download-json')).toHaveAttribute(
    'href',
    new RegExp(`/executions/${executionId}/data\\?format=json$`),
  );
  await expect(page.getByTestId('download-csv')).toHaveAttribute('href', /format=csv$/);

  // Each step with its outcome; the screenshot step's image is shown inline from the artifacts route.
  const result = page.getByTestId('execution-result');
  await expect(result).toHaveAttribute('data-status', 'passed');
  await expect(result.getByTestId('result-step')).toHaveCount(4);
  // The opening `goto {{target}}` kept the session's start load, and says so.
  await expect(result.getByTestId('result-step').first().getByTestId('step-reused-start-load')).toBeVisible();
  const screenshot = result.getByTestId('step-screenshot');
  await expect(screenshot).toBeVisible();
  await expect
    .poll(() => screenshot.evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(0);

  // The JSON download is the same data.
  const download = await page.request.get(`/api/v1/executions/${executionId}/data?format=json`, {
    headers: auth(),
  });
  expect(download.status()).toBe(200);
  expect(JSON.stringify(await download.json())).toContain('Hello from the e2e site');

  // The job's run history and the jobs list show the execution's status.
  await page.getByRole('link', { name: JOB_NAME }).first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  const history = page.getByTestId(`execution-row-${executionId}`);
  await expect(history.getByTestId('execution-status-badge')).toHaveAttribute('data-status', 'SUCCEEDED');
  await page.goto('/jobs');
  await expect(page.getByTestId(`job-row-${jobId}`).getByTestId('execution-status-badge')).toHaveAttribute(
    'data-status',
    'SUCCEEDED',
  );
});

test('builds a flow in the step editor (goto, fill, click, extract, assert), saves the job, runs it, and the execution shows the extracted data', async ({
  page,
}) => {
  const target = `${searchSite?.url}/search`;
  await page.goto('/jobs/new');
  const form = page.getByTestId('job-form');
  await form.locator('[name="name"]').fill('e2e step editor search');
  await form.locator('[name="targets"]').fill(target);
  await form.getByRole('button', { name: 'Add input' }).click();
  await form.getByLabel('Name of input 1').fill('query');
  await form.getByLabel('Value of input 1').fill('fleet');

  // A new flow starts as steps: go to the target, extract the heading, a screenshot. Keep the first.
  const cards = page.getByTestId('step-card');
  await expect(cards).toHaveCount(3);
  await form.getByRole('button', { name: 'Remove step 3' }).click();
  await form.getByRole('button', { name: 'Remove step 2' }).click();
  await expect(cards.first()).toHaveAttribute('data-type', 'goto');
  await expect(cards.first().getByLabel('URL', { exact: true })).toHaveValue('{{target}}');

  const addStep = async (type: string) => {
    await page.getByTestId('add-step').click();
    await page.getByTestId(`add-step-${type}`).click();
    return cards.last();
  };
  const fill = await addStep('fill');
  await fill.getByLabel('Selector', { exact: true }).fill('#q');
  await fill.getByLabel('Value', { exact: true }).fill('{{query}}');
  // The value's hint lists the job's inputs among the variables.
  await expect(fill.getByTestId('step-variables')).toContainText('{{query}}');
  await expect(fill.getByTestId('step-variables')).toContainText('{{secrets.NAME}}');
  const click = await addStep('click');
  await click.getByLabel('Selector', { exact: true }).fill('#go');
  const assert = await addStep('assert');
  await assert.getByLabel('Selector', { exact: true }).fill('#out');
  await assert.getByLabel('Expected', { exact: true }).fill('searched: {{query}}');
  const extract = await addStep('extract');
  await extract.getByLabel('Keep as', { exact: true }).fill('result');
  await extract.getByLabel('Selector', { exact: true }).fill('#out');
  // The extract goes before the assert, with the keyboard.
  await form.getByRole('button', { name: 'Move step 5 up' }).press('Enter');
  await expect(cards.nth(3)).toHaveAttribute('data-type', 'extract');
  await expect(cards.nth(4)).toHaveAttribute('data-type', 'assert');

  // As YAML and back: the same five steps.
  await page.getByTestId('flow-format-yaml').click();
  await expect(page.getByTestId('flow-text')).toContainText('extract');
  await expect(page.getByTestId('flow-text')).toContainText('{{query}}');
  await page.getByTestId('flow-format-steps').click();
  await expect(cards).toHaveCount(5);
  await expect(cards.nth(3).getByLabel('Keep as', { exact: true })).toHaveValue('result');

  await page.getByTestId('schedule-manual').check();
  await page.getByTestId('job-form-submit').click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);

  await page.getByTestId('run-job').click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('execution-detail')).toHaveAttribute('data-status', 'SUCCEEDED');
  await expect(page.getByTestId('execution-result').getByTestId('result-step')).toHaveCount(5);
  await expect(page.getByTestId('execution-data-table').locator('[data-column="result"]')).toHaveText(
    'You searched: fleet',
  );
});

test('marks a bad step on its own card, and keeps text the cards cannot hold as typed', async ({ page }) => {
  await page.goto('/jobs/new');
  const form = page.getByTestId('job-form');
  await form.locator('[name="name"]').fill('never created from steps');
  await form.locator('[name="targets"]').fill(site());
  await page.getByTestId('add-step').click();
  await page.getByTestId('add-step-click').click();
  await page.getByTestId('job-form-submit').click();

  // The fourth card (steps.3) is marked, its selector says why; the others are not.
  const card = page.getByTestId('step-card').nth(3);
  await expect(card).toHaveAttribute('data-invalid', 'true');
  await expect(card.getByTestId('field-error-flowSteps.3.selector')).toBeVisible();
  await expect(card).toBeInViewport();
  await expect(page.locator('[data-testid="step-card"][data-invalid]')).toHaveCount(1);
  await expect(page).toHaveURL(/\/jobs\/new$/);
  await card.getByLabel('Selector', { exact: true }).fill('#go');
  await expect(card).not.toHaveAttribute('data-invalid', 'true');

  // A field no card has: the YAML stays YAML, as typed, and the reason names its line.
  const yaml = 'steps:\n  - type: goto\n    url: "{{target}}"\n    colour: red\n';
  await setFlowText(page, yaml, 'yaml');
  await page.getByTestId('flow-format-steps').click();
  await expect(page.getByTestId('flow-switch-error')).toContainText('line 4');
  await expect(page.getByTestId('flow-switch-error')).toContainText('steps.0.colour');
  await expect(page.getByTestId('flow-format-yaml')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('flow-text')).toContainText('colour');
  const listed = await page.request.get('/api/v1/jobs?q=never%20created%20from', { headers: auth() });
  expect((await listed.json()).total).toBe(0);
});

test('pauses and resumes a job from its page', async ({ page }) => {
  await page.goto(`/jobs/${jobId}`);
  await page.getByTestId('pause-job').click();
  await expect(page.getByTestId('job-paused')).toBeVisible();
  await page.getByTestId('resume-job').click();
  await expect(page.getByTestId('job-paused')).toHaveCount(0);
});

test('a script job picks its script from the library and saves a notification rule', async ({
  page,
  request,
}) => {
  // A script and a channel of the organization, made through the API: the form only picks them.
  const stamp = Date.now().toString(36);
  const scriptName = `e2e picked script ${stamp}`;
  const channelName = `e2e job alerts ${stamp}`;
  const script = await request.post('/api/v1/scripts', {
    headers: auth(),
    data: { name: scriptName, source: 'document.title' },
  });
  expect(script.status()).toBe(201);
  const scriptId = ((await script.json()) as { id: string }).id;
  const channel = await request.post('/api/v1/notification-channels', {
    headers: auth(),
    data: { kind: 'webhook', name: channelName, url: 'http://127.0.0.1:9/notify' },
  });
  expect(channel.status()).toBe(201);

  await page.goto('/jobs/new');
  const form = page.getByTestId('job-form');
  await form.locator('[name="name"]').fill(`e2e script job ${stamp}`);
  await form.locator('[name="targets"]').fill(site());
  await form.locator('input[name="kind"][value="script"]').check();
  await form.getByRole('searchbox', { name: 'Search scripts by name' }).fill(stamp);
  await form.locator(`[data-testid="script-option"][data-name="${scriptName}"]`).click();
  await expect(form.getByTestId('scriptId-chosen')).toContainText(scriptName);
  await form.getByLabel('Version', { exact: true }).selectOption('1');

  await form.getByTestId('add-notification-rule').click();
  const rule = form.getByTestId('notification-rule');
  await rule.getByRole('combobox', { name: 'Channel of rule 1' }).selectOption({ label: channelName });
  await rule.getByLabel('Recovery').check();
  await page.getByTestId('schedule-manual').check();
  await page.getByTestId('job-form-submit').click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('job-script')).toHaveText(scriptName);
  await expect(page.getByTestId('job-script')).toHaveAttribute('href', `/scripts/${scriptId}`);
  await expect(page.getByText('(version 1)')).toBeVisible();
  await expect(page.getByTestId('job-notifications')).toHaveText(`${channelName}: Failure, Recovery`);
});

test("the executions history lists the organization's runs, filtered from the URL", async ({ page }) => {
  await page.goto('/jobs');
  await page.getByRole('link', { name: 'Executions', exact: true }).click();
  await expect(page).toHaveURL(/\/executions$/);
  const row = page.getByTestId(`execution-row-${executionId}`);
  await expect(row).toContainText(JOB_NAME);

  // Filters go to the URL; a status the run does not have hides it, its own job shows it again.
  await page.locator('#executions-status').selectOption('FAILED');
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(row).toBeHidden();
  await page.locator('#executions-status').selectOption('');
  await page.locator('#executions-job').selectOption({ label: JOB_NAME });
  await expect(page).toHaveURL(new RegExp(`job=${jobId}`));
  await expect(row).toBeVisible();

  // A date range that ends before today leaves it out; reloading keeps the filters.
  await page.locator('#executions-to').fill('2020-01-01');
  await expect(page).toHaveURL(/to=2020-01-01/);
  await expect(row).toBeHidden();
  await page.reload();
  await expect(page.locator('#executions-to')).toHaveValue('2020-01-01');
  await page.getByRole('button', { name: 'Clear filters', exact: true }).click();
  await expect(row).toBeVisible();
  await row.getByRole('link', { name: JOB_NAME }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
});

test.describe('on a phone in dark mode', () => {
  test.use({ viewport: { width: 375, height: 812 }, colorScheme: 'dark' });

  test('the jobs list, the job form, a job and an execution fit the width', async ({ page }) => {
    await page.goto('/jobs');
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId(`job-row-${jobId}`)).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await page.goto('/jobs/new');
    await page.getByTestId('schedule-cron').check();
    await expect(page.getByTestId('cron-next-runs')).toBeVisible();
    await expect(page.getByTestId('flow-editor')).toBeVisible();
    await expectNoHorizontalOverflow(page);
    // The step cards stack and the type menu fits the width.
    await expect(page.getByTestId('step-card').first()).toBeVisible();
    await page.getByTestId('add-step').click();
    const menu = page.getByTestId('step-type-menu');
    await expect(menu).toBeVisible();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await page.getByTestId('add-step-extract').click();
    await expect(page.getByTestId('step-card').last()).toHaveAttribute('data-type', 'extract');
    await expectNoHorizontalOverflow(page);

    await page.goto(`/jobs/${jobId}`);
    await expect(page.getByTestId('job-executions')).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await page.goto(`/executions/${executionId}`);
    await expect(page.getByTestId('execution-data-table')).toBeVisible();
    await expectNoHorizontalOverflow(page);

    await page.goto('/executions');
    await expect(page.getByTestId(`execution-row-${executionId}`)).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});
