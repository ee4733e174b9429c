import { linksIn } from '@fleetwright/testing';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { adminApiKey, baseUrl, expectSignedIn } from './support';

// Signed in as the administrator (storageState from auth.setup.ts), who invites; the newcomer gets
// a browser context of their own. No SMTP: mails wait in the outbox, read through the admin API.

const NEWCOMER = {
  name: 'Nia Newcomer',
  email: 'newcomer@example.test',
  password: 'a long enough password',
};

/**
 * The links matching `pattern` in the outbox mails to `to`, newest mail first, once there are at
 * least `count`: better-auth may send a mail after answering the request that caused it.
 */
async function mailedLinks(
  request: APIRequestContext,
  to: string,
  pattern: RegExp,
  count = 1,
): Promise<string[]> {
  let links: string[] = [];
  await expect(async () => {
    const answer = await request.get('/api/v1/admin/mails', {
      headers: { authorization: `Bearer ${adminApiKey()}` },
    });
    expect(answer.status()).toBe(200);
    const { items } = (await answer.json()) as { items: { to: string; text: string }[] };
    links = items
      .filter((mail) => mail.to.toLowerCase() === to)
      .flatMap((mail) => linksIn({ text: mail.text, html: '' }).filter((link) => pattern.test(link)));
    expect(links.length).toBeGreaterThanOrEqual(count);
  }).toPass({ intervals: [100, 250, 500], timeout: 15_000 });
  return links;
}

/** A mailed link's path and query, opened on the platform the test runs against. */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

test('an invited newcomer signs up, confirms the address from the mail and lands signed in', async ({
  page,
  browser,
  request,
}) => {
  await page.goto('/settings/members');
  const invite = page.getByTestId('invite-member-form');
  await invite.locator('[name="email"]').fill(NEWCOMER.email);
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId(`invitation-row-${NEWCOMER.email}`)).toBeVisible();
  const [invitationLink] = await mailedLinks(request, NEWCOMER.email, /\/accept-invitation\//);
  const invitationPath = pathOf(invitationLink!);

  const context = await browser.newContext({
    baseURL: baseUrl(),
    storageState: { cookies: [], origins: [] },
  });
  const newcomer = await context.newPage();
  try {
    await newcomer.goto(invitationPath);
    await newcomer.getByTestId('invitation-sign-in').getByRole('link', { name: 'Create an account' }).click();
    const signUp = newcomer.getByTestId('sign-up-form');
    await signUp.locator('[name="name"]').fill(NEWCOMER.name);
    await signUp.locator('[name="email"]').fill(NEWCOMER.email);
    await signUp.locator('[name="password"]').fill(NEWCOMER.password);
    await signUp.getByRole('checkbox', { name: /acceptable-use/i }).check();
    await signUp.getByRole('button', { name: 'Create account' }).click();
    const done = newcomer.getByTestId('sign-up-done');
    await expect(done).toContainText('Check your mail');
    await expect(done).toContainText('ask an administrator for the confirmation link');

    // Signing in before confirming says why it cannot, and mails the link again.
    await newcomer.goto(invitationPath);
    await newcomer.getByTestId('invitation-sign-in').getByRole('link', { name: 'Sign in' }).click();
    const signIn = newcomer.getByTestId('sign-in-form');
    await signIn.locator('[name="email"]').fill(NEWCOMER.email);
    await signIn.locator('[name="password"]').fill(NEWCOMER.password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(newcomer.getByTestId('form-error')).toContainText(/email not verified/i);
    await newcomer.getByTestId('resend-confirmation').click();
    await expect(newcomer.getByTestId('resend-confirmation-sent')).toContainText(NEWCOMER.email);

    // The newer of the two confirmation mails: it lands on /verify-email, then where the newcomer was going.
    const [confirmationLink] = await mailedLinks(request, NEWCOMER.email, /\/api\/auth\/verify-email\?/, 2);
    await newcomer.goto(pathOf(confirmationLink!));
    await expect(newcomer.getByTestId('email-confirmed')).toContainText('Your address is confirmed');
    await expect(newcomer).toHaveURL(invitationPath);
    await newcomer.getByTestId('invitation').getByRole('button', { name: 'Accept the invitation' }).click();
    await expectSignedIn(newcomer, NEWCOMER.name);

    // A link that is not one: the page says so and offers a new one.
    await context.clearCookies();
    await newcomer.goto('/api/auth/verify-email?token=garbage&callbackURL=/verify-email');
    const failed = newcomer.getByTestId('verify-email-error');
    await expect(failed).toHaveAttribute('data-reason', 'invalid');
    await expect(failed).toContainText('This confirmation link does not work');
    const resend = newcomer.getByTestId('resend-confirmation-form');
    await resend.locator('[name="email"]').fill(NEWCOMER.email);
    await resend.getByRole('button', { name: 'Send a new link' }).click();
    await expect(newcomer.getByTestId('resend-confirmation-done')).toContainText('Check your mail');

    // `next` stays on this origin: the tab a browser drops does not turn it into `//evil.test`.
    await newcomer.goto('/verify-email?next=%2F%09%2Fevil.test');
    await expect(
      newcomer.getByTestId('email-confirmed').getByRole('link', { name: 'Continue' }),
    ).toHaveAttribute('href', '/sessions');
  } finally {
    await context.close();
  }
});
