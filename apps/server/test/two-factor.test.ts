import { base32 } from '@better-auth/utils/base32';
import { TEST_ADMIN, totp } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { type AccountsApp, Browser, startAccountsApp } from './account-support.ts';
import { signInAdministrator } from './support.ts';

let accounts: AccountsApp;
let app: App;
/** The signed-in administrator who enrols. */
let ada: Browser;
let totpURI: string;
let backupCodes: string[];

beforeAll(async () => {
  accounts = await startAccountsApp();
  app = accounts.app;
  await signInAdministrator(app, accounts.testDatabase.config);
  ada = new Browser(app);
  await ada.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
});
afterAll(async () => {
  await accounts?.close();
});

/** Signs in with the password in a fresh browser: the first factor only. */
async function firstFactor(): Promise<Browser> {
  return (await passwordStep()).browser;
}

async function passwordStep() {
  const browser = new Browser(app);
  const answer = await browser.post('/api/auth/sign-in/email', {
    email: TEST_ADMIN.email,
    password: TEST_ADMIN.password,
  });
  expect(answer.statusCode).toBe(200);
  expect(answer.json()).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
  return { browser, answer };
}

/**
 * A six-digit code that is none of the ones accepted now (better-auth takes the previous, current and
 * next 30-second step): half a million steps away from the current code.
 */
async function wrongCode(): Promise<string> {
  const current = await totp(totpURI);
  return String((Number(current) + 500_000) % 1_000_000).padStart(6, '0');
}

describe('enrolling an authenticator app', () => {
  it('refuses to enrol without the password', async () => {
    const refused = await ada.post('/api/auth/two-factor/enable', { password: 'not the password at all' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'INVALID_PASSWORD' });
  });

  it('hands out the TOTP secret and recovery codes, and turns on once a code confirms it', async () => {
    const enabled = await ada.post('/api/auth/two-factor/enable', { password: TEST_ADMIN.password });
    expect(enabled.statusCode).toBe(200);
    ({ totpURI, backupCodes } = enabled.json());
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Fleetwright:/);
    expect(backupCodes.length).toBeGreaterThanOrEqual(8);
    // Not on until confirmed: a sign-in still needs the password only.
    expect((await ada.me()).json().user.twoFactorEnabled).toBe(false);

    const confirmed = await ada.post('/api/auth/two-factor/verify-totp', { code: await totp(totpURI) });
    expect(confirmed.statusCode).toBe(200);
    const me = await ada.me();
    expect(me.statusCode).toBe(200);
    expect(me.json().user.twoFactorEnabled).toBe(true);
    // The audit log has it, under the user's name.
    const { rows } = await accounts.testDatabase.database.pool.query(
      "SELECT actor FROM audit_logs WHERE action = 'auth.two_factor_enabled'",
    );
    expect(rows.map((row) => row.actor)).toContain(TEST_ADMIN.email);
  });

  it('stores neither the TOTP secret nor the recovery codes as they are', async () => {
    const secret = new URL(totpURI).searchParams.get('secret')!;
    // The secret in the URI is the base32 of the key better-auth generated.
    const key = new TextDecoder().decode(base32.decode(secret));
    const { rows } = await accounts.testDatabase.database.pool.query<{
      secret: string;
      backup_codes: string;
    }>('SELECT secret, backup_codes FROM two_factors');
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const plain of [secret, key]) expect(row!.secret).not.toContain(plain);
    for (const code of backupCodes) expect(row!.backup_codes).not.toContain(code);
  });
});

describe('signing in with a second factor', () => {
  it('gives no usable session after the password alone', async () => {
    const { browser, answer } = await passwordStep();
    expect((await browser.me()).statusCode).toBe(401);
    expect(browser.cookies.names().some((name) => name.includes('session_token'))).toBe(false);
    // Not even with every cookie the answer set, including any it set and then cleared.
    const raw = answer.headers['set-cookie'];
    const everyCookie = (Array.isArray(raw) ? raw : [raw ?? ''])
      .map((line) => line.split(';')[0]!)
      .filter((pair) => /=./.test(pair))
      .join('; ');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: everyCookie } });
    expect(me.statusCode).toBe(401);
  });

  it('signs in once a current code is given', async () => {
    const browser = await firstFactor();
    const verified = await browser.post('/api/auth/two-factor/verify-totp', { code: await totp(totpURI) });
    expect(verified.statusCode).toBe(200);
    const me = await browser.me();
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: TEST_ADMIN.email }, role: 'ADMIN' });
  });

  it('refuses a wrong code, and still takes the right one afterwards', async () => {
    const browser = await firstFactor();
    const refused = await browser.post('/api/auth/two-factor/verify-totp', { code: await wrongCode() });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'INVALID_CODE' });
    expect((await browser.me()).statusCode).toBe(401);

    const verified = await browser.post('/api/auth/two-factor/verify-totp', { code: await totp(totpURI) });
    expect(verified.statusCode).toBe(200);
    expect((await browser.me()).statusCode).toBe(200);
  });

  it('refuses a code without the password step first', async () => {
    const browser = new Browser(app);
    const refused = await browser.post('/api/auth/two-factor/verify-totp', { code: await totp(totpURI) });
    expect(refused.statusCode).toBe(401);
    expect((await browser.me()).statusCode).toBe(401);
  });

  it('accepts a recovery code once and not twice', async () => {
    const [code] = backupCodes;
    const first = await firstFactor();
    const used = await first.post('/api/auth/two-factor/verify-backup-code', { code });
    expect(used.statusCode).toBe(200);
    expect((await first.me()).statusCode).toBe(200);

    const second = await firstFactor();
    const reused = await second.post('/api/auth/two-factor/verify-backup-code', { code });
    expect(reused.statusCode).toBe(401);
    expect((await second.me()).statusCode).toBe(401);

    // Another, unused code still works.
    const third = await firstFactor();
    expect(
      (await third.post('/api/auth/two-factor/verify-backup-code', { code: backupCodes[1] })).statusCode,
    ).toBe(200);
    expect((await third.me()).statusCode).toBe(200);
  });
});
