import { startSite, type TestSite } from '@fleetwright/testing';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { adminApiKey, expectNoHorizontalOverflow } from './support';

// Issue 12, profiles in the dashboard: a running session is saved as a profile from its detail
// page, the profile is listed (what it holds, never the cookie's value), picked in the new-session
// form (the new session has the cookie), renamed and deleted; the pages fit 375 px.
test.describe.configure({ mode: 'serial' });

const COOKIE_VALUE = 'e2e-cookie-4d1f0b-never-shown';
const NAME = 'E2E shopper';
const RENAMED = 'E2E shopper (renamed)';
const auth = () => ({ authorization: `Bearer ${adminApiKey()}` });

let site: TestSite;
let sourceId = '';

test.beforeAll(async ({ request }) => {
  site = await startSite({
    '/login': `<title>Login</title><script>document.cookie = 'token=${COOKIE_VALUE}; path=/; max-age=3600';</script><h1>Signed in</h1>`,
    '/account': '<title>Account</title><h1>Account</h1>',
  });
  // Earlier runs against the same data directory: start from no profiles.
  const listed = await request.get('/api/v1/profiles?pageSize=200', { headers: auth() });
  for (const profile of ((await listed.json()) as { items: Array<{ id: string }> }).items) {
    await request.delete(`/api/v1/profiles/${profile.id}`, { headers: auth() });
  }
});
test.afterAll(async () => {
  await site?.close();
});

async function runningSession(request: APIRequestContext, body: object): Promise<string> {
  const created = await request.post('/api/v1/sessions', { headers: auth(), data: body });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await expect
    .poll(
      async () => (await (await request.get(`/api/v1/sessions/${id}`, { headers: auth() })).json()).status,
      {
        timeout: 60_000,
      },
    )
    .toBe('RUNNING');
  return id;
}

async function cookieOf(request: APIRequestContext, sessionId: string): Promise<string> {
  const answer = await request.post(`/api/v1/sessions/${sessionId}/evaluate`, {
    headers: auth(),
    data: { expression: 'document.cookie' },
  });
  expect(answer.status(), await answer.text()).toBe(200);
  return ((await answer.json()) as { value: string }).value;
}

test('a running session is saved as a profile from its detail page and listed without values', async ({
  page,
  request,
}) => {
  sourceId = await runningSession(request, { name: 'e2e signs in', startUrl: `${site.url}/login` });
  await page.goto(`/sessions/${sourceId}`);
  await page.getByTestId('session-save-profile').click();
  const form = page.getByTestId('save-profile-form');
  await form.locator('[name="name"]').fill('');
  await form.getByTestId('save-profile').click();
  await expect(form.getByTestId('field-error-new-profile-name')).toBeVisible();
  await form.locator('[name="name"]').fill(NAME);
  await form.getByTestId('save-profile').click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`Saved as profile ${NAME}`)).toBeVisible();

  // The same name again: the server refuses it under the field.
  await page.getByTestId('session-save-profile').click();
  await form.locator('[name="name"]').fill(NAME);
  await form.getByTestId('save-profile').click();
  await expect(form.getByTestId('field-error-new-profile-name')).toContainText('exists already');
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Profiles', exact: true }).click();
  await expect(page).toHaveURL(/\/profiles$/);
  const row = page.getByTestId(`profile-row-${NAME}`);
  await expect(row).toContainText('1 cookie');
  expect(await page.content()).not.toContain(COOKIE_VALUE);
});

test('the new-session form starts a session from the profile: it has the cookie', async ({
  page,
  request,
}) => {
  await page.goto('/sessions/new');
  const form = page.getByTestId('create-session-form');
  await form.locator('[name="name"]').fill('e2e from the profile');
  await form.locator('[name="startUrl"]').fill(`${site.url}/account`);
  await form.getByTestId('session-profile').selectOption({ label: NAME });
  await form.getByRole('button', { name: /create/i }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('status-badge').first()).toHaveAttribute('data-status', 'RUNNING', {
    timeout: 60_000,
  });
  const sessionId = page.url().split('/').pop()!;
  expect(await cookieOf(request, sessionId)).toBe(`token=${COOKIE_VALUE}`);
});

test('a profile is renamed and deleted with a confirmation', async ({ page }) => {
  await page.goto('/profiles');
  await page.getByRole('button', { name: `Rename ${NAME}` }).click();
  const form = page.getByTestId('rename-profile-form');
  await form.locator('[name="name"]').fill(RENAMED);
  await form.getByTestId('rename-profile').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId(`profile-row-${RENAMED}`)).toBeVisible();
  await expect(page.getByTestId(`profile-row-${NAME}`)).toBeHidden();

  await page.getByRole('button', { name: `Delete ${RENAMED}` }).click();
  await page.getByRole('button', { name: 'Delete profile' }).click();
  await expect(page.getByText(`Profile ${RENAMED} deleted`)).toBeVisible();
  await expect(page.getByText('No profiles yet')).toBeVisible();
});

test('the profiles page and a session with its Save as profile button fit 375 px', async ({
  page,
  request,
}) => {
  await request.post('/api/v1/profiles', { headers: auth(), data: { sessionId: sourceId, name: NAME } });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/profiles');
  await expect(page.getByTestId(`profile-row-${NAME}`)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await page.goto(`/sessions/${sourceId}`);
  await expect(page.getByTestId('session-save-profile')).toBeVisible();
  await expectNoHorizontalOverflow(page);
});
