import { expect, test } from '@playwright/test';
import { ADMIN, adminApiKey } from './support';

// Signed in as the administrator: ADMIN of the first organization (ENTERPRISE) and platform
// administrator (storageState from auth.setup.ts).

/** No other spec opens this domain, and the test clears the blocklist again anyway. */
const BLOCKED = 'blocked-by-e2e.test';

test('shows the plan and quotas, and a blocked domain stops sessions at its subdomains', async ({
  page,
  request,
}) => {
  await page.goto('/settings/organization');
  const summary = page.getByTestId('organization-summary');
  await expect(summary.getByTestId('plan-badge')).toHaveText('ENTERPRISE');
  await expect(summary.getByTestId('quota-concurrentSessions')).toContainText('500');
  await expect(summary.getByTestId('quota-apiRequestsPerMinute')).toContainText('3,000');

  const form = page.getByTestId('target-policy-form');
  const domains = form.locator('[name="blockedDomains"]');
  // The server's message names the entry it refuses.
  await domains.fill('not a domain');
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByTestId('field-error-blockedDomains')).toContainText(
    '“not a domain” (line 1): must be a domain name',
  );

  try {
    await domains.fill(BLOCKED.toUpperCase());
    await form.getByRole('button', { name: 'Save policy' }).click();
    // Saved as the server keeps it: lower-cased.
    await expect(domains).toHaveValue(BLOCKED);

    await page.goto('/sessions/new');
    const create = page.getByTestId('create-session-form');
    await create.locator('[name="name"]').fill('blocked by policy');
    await create.locator('[name="startUrl"]').fill(`http://shop.${BLOCKED}/`);
    await create.getByRole('button', { name: /create/i }).click();
    await expect(page.getByTestId('field-error-startUrl')).toContainText(
      `The organization's target policy blocks ${BLOCKED}.`,
    );
    await expect(page).toHaveURL(/\/sessions\/new$/);

    // The change is in the audit log, with who made it; the action filter keeps only such entries.
    await page.goto('/settings/audit-log');
    const rows = page.getByTestId('audit-log-row');
    await expect(rows.first()).toBeVisible();
    await page.locator('select[name="action"]').selectOption('organization.settings_updated');
    await expect(
      page.locator('[data-testid="audit-log-row"]:not([data-action="organization.settings_updated"])'),
    ).toHaveCount(0);
    const change = rows.filter({ hasText: BLOCKED }).first();
    await expect(change).toContainText(ADMIN.email);
    await expect(change).toContainText('organization.settings_updated');

    // The CSV export is the same query as a download.
    const href = await page.getByTestId('audit-log-export').getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain('action=organization.settings_updated');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(BLOCKED);
  } finally {
    const cleared = await request.patch('/api/v1/organization', {
      headers: { authorization: `Bearer ${adminApiKey()}` },
      data: { targetPolicy: { blockedDomains: [], sessionsPerDomain: null } },
    });
    expect(cleared.status()).toBe(200);
  }
});

test('keeps the invitation mail in the outbox, with its link', async ({ page }) => {
  const email = 'outbox-reader@example.test';
  await page.goto('/settings/members');
  const invite = page.getByTestId('invite-member-form');
  await invite.locator('[name="email"]').fill(email);
  await invite.getByRole('button', { name: 'Invite' }).click();
  const invitation = page.getByTestId(`invitation-row-${email}`);
  await expect(invitation).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail outbox' }).click();
  await expect(page.getByTestId('outbox-explanation')).toContainText('SMTP_URL');
  const mail = page.getByTestId('mail').filter({ hasText: email });
  await expect(mail.getByTestId('mail-status')).toHaveText('OUTBOX');
  await mail.getByRole('button', { name: /Join/ }).click();
  await expect(mail.getByTestId('mail-link')).toHaveAttribute('href', /\/accept-invitation\/[\w-]+$/);

  await page.goto('/settings/members');
  await invitation.getByRole('button', { name: 'Cancel' }).click();
  await expect(invitation).toHaveCount(0);
});

test('changes an organization to the PRO plan and back', async ({ page }) => {
  await page.goto('/admin/organizations');
  const card = page.getByTestId('admin-organization').filter({ hasText: 'you act for this one' });
  const plan = card.locator('select[name="plan"]');
  const save = card.getByRole('button', { name: 'Save' });
  await expect(card.getByTestId('plan-badge')).toHaveText('ENTERPRISE');

  await plan.selectOption('PRO');
  await expect(card).toContainText('PRO default: 50');
  await save.click();
  await expect(card.getByTestId('plan-badge')).toHaveText('PRO');
  await page.goto('/settings/organization');
  const summary = page.getByTestId('organization-summary');
  await expect(summary.getByTestId('plan-badge')).toHaveText('PRO');
  // 50, not ENTERPRISE's 500.
  await expect(summary.getByTestId('quota-concurrentSessions')).toHaveText(/\D50$/);

  await page.goto('/admin/organizations');
  await plan.selectOption('ENTERPRISE');
  await save.click();
  await expect(card.getByTestId('plan-badge')).toHaveText('ENTERPRISE');
});

test('allows private targets for one organization, refuses a bad CIDR by its entry, and shows the list to the organization', async ({
  page,
}) => {
  await page.goto('/admin/organizations');
  const card = page.getByTestId('admin-organization').filter({ hasText: 'you act for this one' });
  const privateTargets = card.locator('textarea[name="privateTargets"]');
  const save = card.getByRole('button', { name: 'Save' });

  await privateTargets.fill('10.20.0.0/16\n10.30.0.0/33');
  await save.click();
  await expect(card.getByTestId('field-error-privateTargets')).toContainText('"10.30.0.0/33"');

  await privateTargets.fill('10.20.0.0/16\nIntranet.example');
  await save.click();
  await expect(privateTargets).toHaveValue('10.20.0.0/16\nintranet.example');
  await page.goto('/settings/organization');
  const list = page.getByTestId('private-targets');
  await expect(list.getByRole('listitem')).toHaveText(['10.20.0.0/16', 'intranet.example']);

  await page.goto('/admin/organizations');
  await privateTargets.fill('');
  const saved = page.waitForResponse(
    (response) => response.request().method() === 'PATCH' && response.url().includes('/admin/organizations/'),
  );
  await save.click();
  expect((await saved).status()).toBe(200);
  await page.goto('/settings/organization');
  await expect(list).toContainText('None: sessions reach public addresses only.');
});
