import { freePort, linksIn, startTestSmtp, TEST_ADMIN, type TestSmtp } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import {
  type AccountsApp,
  Browser,
  joinOrganization,
  onlyLinkIn,
  outboxMails,
  PASSWORD,
  PUBLIC_URL,
  pathOf,
  smtpMails,
  startAccountsApp,
} from './account-support.ts';
import { signInAdministrator } from './support.ts';

let smtp: TestSmtp;
let accounts: AccountsApp;
let app: App;
let admin: Browser;
let organizationId: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  accounts = await startAccountsApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  app = accounts.app;
  organizationId = (await signInAdministrator(app, accounts.testDatabase.config)).organizationId;
  admin = new Browser(app);
  await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
});
afterAll(async () => {
  await accounts?.close();
  await smtp?.close();
});

/** The rows of the `mails` table to one address, oldest first. */
async function recordedMailsTo(address: string) {
  const { rows } = await accounts.testDatabase.database.pool.query<{
    subject: string;
    status: string;
    text: string;
    error: string | null;
  }>('SELECT subject, status, text, error FROM mails WHERE "to" = $1 ORDER BY created_at', [address]);
  return rows;
}

describe('invitation and sign-up through a real SMTP server', () => {
  const email = 'grace@example.test';
  const grace = () => new Browser(app);
  let invitationId: string;
  let confirmationLink: string;
  let browser: Browser;

  it('mails the invitation with a link that carries the invitation id', async () => {
    const invited = await admin.post('/api/auth/organization/invite-member', {
      email,
      role: 'VIEWER',
      organizationId,
    });
    expect(invited.statusCode).toBe(200);
    invitationId = invited.json().id;

    const mail = await smtp.nextMailTo(email);
    expect(mail.subject).toMatch(/^Join .+ on Fleetwright$/);
    expect(mail.text).toContain('as VIEWER');
    expect(linksIn(mail)).toEqual([`${PUBLIC_URL}/accept-invitation/${invitationId}`]);
  });

  it('mails a confirmation link at sign-up and refuses to sign in before it is followed', async () => {
    browser = grace();
    const signUp = await browser.post('/api/auth/sign-up/email', {
      name: 'Grace',
      email,
      password: PASSWORD,
      acceptTerms: true,
    });
    expect(signUp.statusCode).toBe(200);
    // Nothing to sign in with until the address is confirmed.
    expect((await browser.me()).statusCode).toBe(401);

    const mail = await smtp.nextMailTo(email);
    expect(mail.subject).toBe('Confirm your email for Fleetwright');
    confirmationLink = onlyLinkIn(mail);
    expect(confirmationLink).toMatch(new RegExp(`^${PUBLIC_URL}/api/auth/verify-email\\?token=`));

    const early = grace();
    const refused = await early.signIn(email);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED' });
    expect((await early.me()).statusCode).toBe(401);
  });

  it('signs the person in when they follow the confirmation link', async () => {
    const followed = await browser.get(confirmationLink);
    expect(followed.statusCode).toBe(302);
    expect(pathOf(String(followed.headers.location))).toBe('/');
    const me = await browser.me();
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email, emailVerified: true },
      // Not a member of anything until the invitation is accepted.
      organization: null,
      role: null,
      permissions: [],
    });
  });

  it('makes the person a member with the invited role when they accept the invitation', async () => {
    const accepted = await browser.post('/api/auth/organization/accept-invitation', { invitationId });
    expect(accepted.statusCode).toBe(200);
    const me = await browser.me();
    expect(me.json()).toMatchObject({
      user: { email },
      organization: { id: organizationId },
      role: 'VIEWER',
      permissions: ['read'],
    });
    // And the invitation is spent.
    const again = await browser.post('/api/auth/organization/accept-invitation', { invitationId });
    expect(again.statusCode).toBe(400);
  });

  it('records every mail it sent as SENT', async () => {
    const recorded = await recordedMailsTo(email);
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    expect(new Set(recorded.map((mail) => mail.status))).toEqual(new Set(['SENT']));
  });
});

describe('password reset', () => {
  const email = 'henry@example.test';
  const newPassword = 'another long password 2';

  beforeAll(async () => {
    await joinOrganization({
      app,
      inviter: admin,
      organizationId,
      email,
      role: 'USER',
      mailsTo: smtpMails(smtp),
    });
  });

  it('sets a new password through the mailed link and signs out every session', async () => {
    const laptop = new Browser(app);
    const phone = new Browser(app);
    expect((await laptop.signIn(email)).statusCode).toBe(200);
    expect((await phone.signIn(email)).statusCode).toBe(200);

    const stranger = new Browser(app);
    const requested = await stranger.post('/api/auth/request-password-reset', {
      email,
      redirectTo: '/reset-password',
    });
    expect(requested.statusCode).toBe(200);
    const mail = await smtpMails(smtp)(email, /Reset your Fleetwright password/);
    const link = onlyLinkIn(mail);
    expect(link.startsWith(`${PUBLIC_URL}/api/auth/reset-password/`)).toBe(true);

    const landing = await stranger.get(link);
    expect(landing.statusCode).toBe(302);
    const page = new URL(String(landing.headers.location), PUBLIC_URL);
    expect(page.origin + page.pathname).toBe(`${PUBLIC_URL}/reset-password`);
    const token = page.searchParams.get('token');
    expect(token).toBeTruthy();

    const reset = await stranger.post('/api/auth/reset-password', { newPassword, token });
    expect(reset.statusCode).toBe(200);

    expect((await laptop.me()).statusCode).toBe(401);
    expect((await phone.me()).statusCode).toBe(401);
    const old = await new Browser(app).signIn(email, PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
    const fresh = new Browser(app);
    expect((await fresh.signIn(email, newPassword)).statusCode).toBe(200);
    expect((await fresh.me()).json()).toMatchObject({ user: { email }, role: 'USER' });

    // The link is spent.
    const replay = await stranger.post('/api/auth/reset-password', {
      newPassword: 'a third long password 3',
      token,
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('answers a reset request for an unknown address like any other, and mails nothing', async () => {
    const requested = await new Browser(app).post('/api/auth/request-password-reset', {
      email: 'nobody@example.test',
      redirectTo: '/reset-password',
    });
    expect(requested.statusCode).toBe(200);
    expect(await recordedMailsTo('nobody@example.test')).toEqual([]);
  });
});

describe('signing out of every device', () => {
  it('kills every session cookie of the user and none of anyone else', async () => {
    const email = 'ivan@example.test';
    const { browser: first } = await joinOrganization({
      app,
      inviter: admin,
      organizationId,
      email,
      role: 'USER',
      mailsTo: smtpMails(smtp),
    });
    const second = new Browser(app);
    expect((await second.signIn(email)).statusCode).toBe(200);
    const third = new Browser(app);
    expect((await third.signIn(email)).statusCode).toBe(200);

    const revoked = await second.post('/api/auth/revoke-sessions');
    expect(revoked.statusCode).toBe(200);

    for (const browser of [first, second, third]) expect((await browser.me()).statusCode).toBe(401);
    expect((await admin.me()).statusCode).toBe(200);
    const { rows } = await accounts.testDatabase.database.pool.query(
      'SELECT 1 FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1',
      [email],
    );
    expect(rows).toEqual([]);
  });
});

describe('without SMTP', () => {
  it('keeps the mail in the outbox, and its link works', async () => {
    const withoutSmtp = await accounts.buildVariant({ SMTP_URL: undefined });
    const email = 'judy@example.test';
    const inviter = new Browser(withoutSmtp);
    await inviter.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const { browser } = await joinOrganization({
      app: withoutSmtp,
      inviter,
      organizationId,
      email,
      role: 'USER',
      mailsTo: outboxMails(accounts.testDatabase),
    });

    const recorded = await recordedMailsTo(email);
    expect(recorded.map((mail) => [mail.subject.replace(/ .*/, ''), mail.status])).toEqual([
      ['Join', 'OUTBOX'],
      ['Confirm', 'OUTBOX'],
    ]);
    expect((await browser.me()).json()).toMatchObject({ user: { email, emailVerified: true }, role: 'USER' });
    expect(smtp.messages.some((mail) => mail.recipients.includes(email))).toBe(false);
  });

  it('records a mail the SMTP server could not take as FAILED, and the request still succeeds', async () => {
    const unreachable = await accounts.buildVariant({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
    const inviter = new Browser(unreachable);
    await inviter.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const email = 'karl@example.test';
    const invited = await inviter.post('/api/auth/organization/invite-member', {
      email,
      role: 'USER',
      organizationId,
    });
    expect(invited.statusCode).toBe(200);
    const [recorded] = await recordedMailsTo(email);
    expect(recorded).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/ECONNREFUSED/) });
    expect(onlyLinkIn(recorded!)).toBe(`${PUBLIC_URL}/accept-invitation/${invited.json().id}`);
  });
});
