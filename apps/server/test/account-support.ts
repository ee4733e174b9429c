/**
 * What the account-flow suites share: an app with a fixed public address, a "browser" that keeps the
 * app's cookies and follows mailed links through app.inject, and the steps that turn an invited
 * address into a signed-in member.
 */
import { type Config, readOrCreateSecret } from '@fleetwright/config';
import { mails } from '@fleetwright/db';
import { CookieJar, linksIn, type TestSmtp, waitFor } from '@fleetwright/testing';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../src/app.ts';
import { testLogger } from './support.ts';

/**
 * Where the app says it lives: mailed links and OAuth redirect URIs start with it. Nothing listens
 * there; the suites turn such URLs back into app.inject calls.
 */
export const PUBLIC_URL = 'http://127.0.0.1:39871';

/** A password long enough for the policy (10 characters at least). */
export const PASSWORD = 'a long enough password 1';

export interface AccountsApp {
  testDatabase: TestDatabase;
  app: App;
  origin: string;
  /** The secret better-auth signs cookies and encrypts tokens and TOTP secrets with. */
  authSecret: string;
  /** Builds a second app on the same database with some settings changed (closed by `close`). */
  buildVariant(overrides: Partial<Config>): Promise<App>;
  close(): Promise<void>;
}

/** A throwaway database and an app on it that answers as PUBLIC_URL. */
export async function startAccountsApp(env: Record<string, string> = {}): Promise<AccountsApp> {
  const testDatabase = await startTestDatabase({ env: { PUBLIC_URL, ...env } });
  const apps: App[] = [];
  const build = async (config: Config) => {
    const app = await buildApp({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      config,
      logger: testLogger(),
    });
    apps.push(app);
    await app.ready();
    return app;
  };
  const app = await build(testDatabase.config);
  return {
    testDatabase,
    app,
    origin: PUBLIC_URL,
    authSecret: readOrCreateSecret(testDatabase.config.DATA_DIR, 'auth-secret'),
    buildVariant: (overrides) => build({ ...testDatabase.config, ...overrides }),
    close: async () => {
      for (const one of apps) await one.close();
      await testDatabase.stop();
    },
  };
}

/** The path and query of a link the app mailed or redirected to, after checking it points at the app. */
export function pathOf(link: string): string {
  const url = new URL(link, PUBLIC_URL);
  if (url.origin !== PUBLIC_URL) throw new Error(`${link} does not point at the app (${PUBLIC_URL})`);
  return `${url.pathname}${url.search}`;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/**
 * One person's browser on the app: keeps the cookies the app sets, sends the Origin header a browser
 * sends on changes, and the CSRF token (from GET /api/v1/me) on changes to /api/v1.
 */
export class Browser {
  readonly cookies = new CookieJar();
  csrfToken: string | null = null;

  constructor(
    private app: App,
    private origin = PUBLIC_URL,
  ) {}

  async request(method: Method, url: string, body?: object): Promise<LightMyRequestResponse> {
    const path = pathOf(url);
    const headers: Record<string, string> = {};
    const cookie = this.cookies.header();
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET') {
      headers.origin = this.origin;
      if (path.startsWith('/api/v1/') && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await this.app.inject({
      method,
      url: path,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    this.cookies.store(response.headers['set-cookie']);
    return response;
  }

  get(url: string) {
    return this.request('GET', url);
  }

  post(url: string, body: object = {}) {
    return this.request('POST', url, body);
  }

  /** GET /api/v1/me, keeping the CSRF token it hands out. */
  async me(): Promise<LightMyRequestResponse> {
    const response = await this.get('/api/v1/me');
    if (response.statusCode === 200) this.csrfToken = response.json().csrfToken;
    return response;
  }

  /** Signs in with email and password; returns the sign-in answer. */
  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    const response = await this.post('/api/auth/sign-in/email', { email, password });
    if (response.statusCode === 200) await this.me();
    return response;
  }
}

/**
 * Where the suites read mails: the test SMTP server, or the outbox table when there is no SMTP.
 * Answers the next (SMTP) or newest (outbox) mail to `to` whose subject matches.
 */
export type MailSource = (to: string, subject: RegExp) => Promise<{ subject: string; text: string }>;

export function smtpMails(smtp: TestSmtp): MailSource {
  return async (to, subject) => {
    for (;;) {
      const mail = await smtp.nextMailTo(to);
      if (subject.test(mail.subject)) return mail;
    }
  };
}

export function outboxMails(testDatabase: TestDatabase): MailSource {
  // better-auth may send after it answered (runInBackgroundOrAwait): wait for the row a little.
  return (to, subject) =>
    waitFor(
      `a mail to ${to} about ${subject} in the mails table`,
      async () => {
        const rows = await testDatabase.database.db
          .select()
          .from(mails)
          .where(eq(mails.to, to))
          .orderBy(desc(mails.createdAt));
        return rows.find((one) => subject.test(one.subject));
      },
      { timeoutMs: 5000 },
    );
}

/** The one link of a mail. */
export function onlyLinkIn(mail: { text: string }): string {
  const links = linksIn({ text: mail.text, html: '' });
  if (links.length !== 1) throw new Error(`Expected one link in "${mail.text}", found ${links.length}`);
  return links[0]!;
}

function ok(what: string, response: LightMyRequestResponse, status = 200): LightMyRequestResponse {
  if (response.statusCode !== status) {
    throw new Error(`${what} answered ${response.statusCode}: ${response.body}`);
  }
  return response;
}

/**
 * Invites `email` to an organization as `role` (through `inviter`, an administrator of it), signs the
 * person up, confirms the address through the mailed link and accepts the invitation: the returned
 * browser is signed in as that member, CSRF token at hand.
 */
export async function joinOrganization(options: {
  app: App;
  inviter: Browser;
  organizationId: string;
  email: string;
  role: 'ADMIN' | 'USER' | 'VIEWER';
  mailsTo: MailSource;
}): Promise<{ browser: Browser; userId: string }> {
  const { app, inviter, organizationId, email, role, mailsTo } = options;
  const invitation = ok(
    'invite-member',
    await inviter.post('/api/auth/organization/invite-member', { email, role, organizationId }),
  ).json();
  const browser = new Browser(app);
  ok(
    'sign-up',
    await browser.post('/api/auth/sign-up/email', {
      name: email.split('@')[0],
      email,
      password: PASSWORD,
      acceptTerms: true,
    }),
  );
  const verification = await mailsTo(email, /Confirm your email/);
  ok('verify-email', await browser.get(onlyLinkIn(verification)), 302);
  ok(
    'accept-invitation',
    await browser.post('/api/auth/organization/accept-invitation', { invitationId: invitation.id }),
  );
  const me = ok('GET /me', await browser.me()).json();
  return { browser, userId: me.user.id };
}
