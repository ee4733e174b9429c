import {
  followOidcRedirects,
  startTestOidcProvider,
  TEST_ADMIN,
  type TestOidcIdentity,
  type TestOidcProvider,
} from '@fleetwright/testing';
import { symmetricDecrypt } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { type AccountsApp, Browser, PUBLIC_URL, pathOf, startAccountsApp } from './account-support.ts';
import { signInAdministrator } from './support.ts';

const client = { clientId: 'fleetwright', clientSecret: 'test-client-secret-0123456789' };

let provider: TestOidcProvider;
let accounts: AccountsApp;
let app: App;
let firstOrganizationId: string;

beforeAll(async () => {
  // better-auth reads the provider's discovery document when the app starts: the provider comes first.
  provider = await startTestOidcProvider({
    ...client,
    redirectUris: [`${PUBLIC_URL}/api/auth/callback/oidc`],
    tokenEndpointAuthMethod: 'client_secret_post',
  });
  accounts = await startAccountsApp({
    SIGNUP_MODE: 'open',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: client.clientId,
    OIDC_CLIENT_SECRET: client.clientSecret,
  });
  app = accounts.app;
  firstOrganizationId = (await signInAdministrator(app, accounts.testDatabase.config)).organizationId;
});
afterAll(async () => {
  await accounts?.close();
  await provider?.close();
});

/**
 * Clicks "Single sign-on" as `identity` in a fresh browser: starts the sign-in at the app, goes through
 * the provider, and lands on the app's callback. Returns the browser and where the callback sent it.
 */
async function signInWithOidc(identity: TestOidcIdentity, on: App = app) {
  provider.addIdentity(identity);
  provider.loginAs(identity.sub);
  const browser = new Browser(on);
  const started = await browser.post('/api/auth/sign-in/social', {
    provider: 'oidc',
    callbackURL: '/',
    errorCallbackURL: '/sign-in',
  });
  expect(started.statusCode, started.body).toBe(200);
  const callback = await followOidcRedirects(started.json().url, { appOrigin: PUBLIC_URL });
  expect(callback.pathname).toBe('/api/auth/callback/oidc');
  const landed = await browser.get(callback.href);
  expect(landed.statusCode).toBe(302);
  return { browser, landing: new URL(String(landed.headers.location), PUBLIC_URL) };
}

async function oidcAccountsOf(email: string) {
  const { rows } = await accounts.testDatabase.database.pool.query<{
    user_id: string;
    account_id: string;
    access_token: string | null;
    refresh_token: string | null;
    id_token: string | null;
  }>(
    `SELECT a.user_id, a.account_id, a.access_token, a.refresh_token, a.id_token
       FROM accounts a JOIN users u ON u.id = a.user_id
      WHERE u.email = $1 AND a.provider_id = 'oidc'`,
    [email],
  );
  return rows;
}

describe('OIDC sign-in in open sign-up mode', () => {
  it('offers single sign-on on the sign-in page', async () => {
    const options = await app.inject({ method: 'GET', url: '/api/v1/auth/options' });
    expect(options.json()).toMatchObject({
      signupMode: 'open',
      providers: [{ id: 'oidc', name: 'Single sign-on' }],
    });
  });

  it('creates an account for a new verified identity, with its own organization as ADMIN', async () => {
    const identity = { sub: 'lin-1', email: 'lin@example.test', emailVerified: true, name: 'Lin' };
    const { browser, landing } = await signInWithOidc(identity);
    expect(pathOf(landing.href)).toBe('/');

    const me = await browser.me();
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { email: identity.email, name: 'Lin', emailVerified: true, isAdmin: false },
      organization: { name: "Lin's organization" },
      role: 'ADMIN',
      permissions: ['read', 'write', 'admin'],
    });
    expect(me.json().organization.id).not.toBe(firstOrganizationId);
    expect(await oidcAccountsOf(identity.email)).toMatchObject([{ account_id: identity.sub }]);

    // The same identity signs in again to the same account.
    const again = await signInWithOidc(identity);
    expect((await again.browser.me()).json().user.id).toBe(me.json().user.id);
  });

  it('links a verified identity to the local account with the same address', async () => {
    const administrator = new Browser(app);
    await administrator.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const localUserId = (await administrator.me()).json().user.id;

    const identity = { sub: 'ada-1', email: TEST_ADMIN.email, emailVerified: true, name: 'Ada at the IdP' };
    const { browser, landing } = await signInWithOidc(identity);
    expect(pathOf(landing.href)).toBe('/');
    expect((await browser.me()).json()).toMatchObject({
      user: { id: localUserId, email: TEST_ADMIN.email, isAdmin: true },
      organization: { id: firstOrganizationId },
      role: 'ADMIN',
    });
    expect(await oidcAccountsOf(TEST_ADMIN.email)).toMatchObject([
      { user_id: localUserId, account_id: identity.sub },
    ]);
  });

  it('refuses an identity whose address the provider has not verified, and signs no one in', async () => {
    const identity = { sub: 'mo-1', email: 'mo@example.test', emailVerified: false, name: 'Mo' };
    const { browser, landing } = await signInWithOidc(identity);
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('email_not_verified');
    expect((await browser.me()).statusCode).toBe(401);
  });

  it('does not let an unverified identity into the local account with the same address', async () => {
    const identity = { sub: 'ada-impostor', email: TEST_ADMIN.email, emailVerified: false, name: 'Not Ada' };
    const { browser, landing } = await signInWithOidc(identity);
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('account_not_linked');
    expect((await browser.me()).statusCode).toBe(401);
    expect((await oidcAccountsOf(TEST_ADMIN.email)).map((row) => row.account_id)).toEqual(['ada-1']);
  });

  it('keeps the OAuth tokens encrypted in the accounts table, and no ID token at all', async () => {
    const [row] = await oidcAccountsOf('lin@example.test');
    expect(row?.access_token).toBeTruthy();
    // better-auth would store the ID token in clear; it could be replayed to sign in.
    expect(row?.id_token).toBeNull();
    // What is stored is not a token the provider accepts …
    expect((await userinfo(row!.access_token!)).status).toBe(401);
    // … but decrypts, with the app's secret, to one it does.
    const accessToken = await symmetricDecrypt({ key: accounts.authSecret, data: row!.access_token! });
    const answer = await userinfo(accessToken);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ sub: 'lin-1' });
  });
});

describe('OIDC sign-in in invite mode', () => {
  let inviteOnly: App;

  beforeAll(async () => {
    inviteOnly = await accounts.buildVariant({ SIGNUP_MODE: 'invite' });
  });

  it('refuses an identity nobody invited, and creates no account', async () => {
    const identity = { sub: 'nina-1', email: 'nina@example.test', emailVerified: true, name: 'Nina' };
    const { browser, landing } = await signInWithOidc(identity, inviteOnly);
    expect(landing.pathname).toBe('/sign-in');
    expect(landing.searchParams.get('error')).toBe('SIGNUP_CLOSED');
    expect((await browser.me()).statusCode).toBe(401);
    const { rows } = await accounts.testDatabase.database.pool.query('SELECT 1 FROM users WHERE email = $1', [
      identity.email,
    ]);
    expect(rows).toEqual([]);
  });

  it('lets an invited identity in, to accept the invitation', async () => {
    const administrator = new Browser(inviteOnly);
    await administrator.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const invited = await administrator.post('/api/auth/organization/invite-member', {
      email: 'olga@example.test',
      role: 'USER',
      organizationId: firstOrganizationId,
    });
    expect(invited.statusCode).toBe(200);

    const identity = { sub: 'olga-1', email: 'olga@example.test', emailVerified: true, name: 'Olga' };
    const { browser, landing } = await signInWithOidc(identity, inviteOnly);
    expect(pathOf(landing.href)).toBe('/');
    expect((await browser.me()).json()).toMatchObject({ organization: null, role: null });
    const accepted = await browser.post('/api/auth/organization/accept-invitation', {
      invitationId: invited.json().id,
    });
    expect(accepted.statusCode).toBe(200);
    expect((await browser.me()).json()).toMatchObject({
      organization: { id: firstOrganizationId },
      role: 'USER',
    });
  });
});

/** The provider's userinfo endpoint, called with an access token. */
async function userinfo(accessToken: string): Promise<Response> {
  const discovery = (await (await fetch(provider.discoveryUrl)).json()) as { userinfo_endpoint: string };
  return fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
}
