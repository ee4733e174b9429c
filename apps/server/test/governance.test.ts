import { randomUUID } from 'node:crypto';
import { TEST_ADMIN } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccountsApp,
  Browser,
  joinOrganization,
  outboxMails,
  startAccountsApp,
} from './account-support.ts';
import { insertWorker, setSessionState, signInAdministrator } from './support.ts';

let accounts: AccountsApp;
/** The platform administrator (first account), ADMIN of the first organization. */
let admin: Browser;
/** An ADMIN of the same organization who is not a platform administrator. */
let orgAdmin: Browser;
let apiKey: string;
let organizationId: string;

beforeAll(async () => {
  accounts = await startAccountsApp();
  const bootstrap = await signInAdministrator(accounts.app, accounts.testDatabase.config);
  apiKey = bootstrap.apiKey;
  organizationId = bootstrap.organizationId;
  admin = new Browser(accounts.app);
  await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  ({ browser: orgAdmin } = await joinOrganization({
    app: accounts.app,
    inviter: admin,
    organizationId,
    email: 'olga@example.test',
    role: 'ADMIN',
    mailsTo: outboxMails(accounts.testDatabase),
  }));
});
afterAll(async () => {
  await accounts?.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  accounts.app.inject({ method, url, headers: { authorization: `Bearer ${apiKey}` }, payload });

describe('plans and quotas', () => {
  it('gives the operator organization the ENTERPRISE plan at first run', async () => {
    const response = await api('GET', '/api/v1/organization');
    expect(response.json()).toMatchObject({ plan: 'ENTERPRISE', quotas: { concurrentSessions: 500 } });
  });

  it('answers an empty change of an organization with the organization as it is, and audits nothing (issue 9: it was a 500)', async () => {
    const audited = async () =>
      (await api('GET', '/api/v1/audit-logs?pageSize=500')).json().items.length as number;
    const entriesBefore = await audited();
    const before = (await api('GET', '/api/v1/organization')).json();
    const settings = await admin.request('PATCH', '/api/v1/organization', {});
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toMatchObject({ name: before.name, plan: before.plan });
    const plan = await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {});
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ plan: before.plan });
    expect(await audited()).toBe(entriesBefore);
  });

  it('lets only a platform administrator set plans', async () => {
    const refused = await orgAdmin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
      plan: 'PRO',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await orgAdmin.get('/api/v1/admin/organizations')).statusCode).toBe(403);
  });

  it('answers QUOTA_EXCEEDED naming the quota once the plan is used up, on create and on start', async () => {
    const set = await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
      plan: 'FREE',
      quotaOverrides: { concurrentSessions: 2 },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().quotas).toMatchObject({ concurrentSessions: 2, apiRequestsPerMinute: 120 });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await api('POST', '/api/v1/sessions', {
        name: `q${i}`,
        startUrl: `http://127.0.0.1:9/${i}`,
      });
      expect(created.statusCode).toBe(201);
      ids.push(created.json().id);
    }
    const third = await api('POST', '/api/v1/sessions', { name: 'q3', startUrl: 'http://127.0.0.1:9/3' });
    expect(third.statusCode).toBe(403);
    expect(third.json()).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { quota: 'concurrentSessions', limit: 2, plan: 'FREE' },
    });
    const stopped = await api('POST', '/api/v1/sessions', {
      name: 'q4',
      startUrl: 'http://127.0.0.1:9/4',
      autoStart: false,
    });
    expect(stopped.statusCode).toBe(201);
    const start = await api('POST', `/api/v1/sessions/${stopped.json().id}/start`);
    expect(start.json()).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    // Nothing half-done: still STOPPED, no job.
    expect((await api('GET', `/api/v1/sessions/${stopped.json().id}`)).json().status).toBe('STOPPED');
    await api('POST', '/api/v1/sessions/batch/stop', { ids });
    await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
      plan: 'ENTERPRISE',
      quotaOverrides: {},
    });
  });
});

describe('concurrent starts', () => {
  it('admits exactly as many as the quota allows when starts race for the last slot', async () => {
    await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
      plan: 'FREE',
      quotaOverrides: { concurrentSessions: 1 },
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          api('POST', '/api/v1/sessions', { name: `race${i}`, startUrl: `http://127.0.0.1:9/race${i}` }),
        ),
      );
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses).toEqual([201, ...Array(11).fill(403)]);
      const admitted = answers.find((answer) => answer.statusCode === 201)!.json().id as string;
      await api('POST', '/api/v1/sessions/batch/stop', { ids: [admitted] });
    } finally {
      await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
        plan: 'ENTERPRISE',
        quotaOverrides: {},
      });
    }
  });
});

describe('the API quota', () => {
  it("answers 429 naming the plan's apiRequestsPerMinute once it is used up", async () => {
    await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, {
      quotaOverrides: { apiRequestsPerMinute: 3 },
    });
    // A new key: a key's principal (and its quotas) is reused for a few seconds.
    const key = (await api('POST', '/api/v1/api-keys', { name: 'metered', scopes: ['read'] })).json().key;
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await accounts.app.inject({
        url: '/api/v1/sessions',
        headers: { authorization: `Bearer ${key}` },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.json()).toMatchObject({
      code: 'RATE_LIMITED',
      details: { quota: 'apiRequestsPerMinute', limit: 3 },
    });
    expect(last!.headers['retry-after']).toBeDefined();
    await admin.request('PATCH', `/api/v1/admin/organizations/${organizationId}`, { quotaOverrides: {} });
  });
});

describe('invitations', () => {
  it('expire: an expired invitation no longer opens sign-up', async () => {
    const invited = await admin.post('/api/auth/organization/invite-member', {
      email: 'late@example.test',
      role: 'USER',
      organizationId,
    });
    expect(invited.statusCode).toBe(200);
    await accounts.testDatabase.database.pool.query(
      "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.test'",
    );
    const signUp = await new Browser(accounts.app).post('/api/auth/sign-up/email', {
      name: 'Late',
      email: 'late@example.test',
      password: 'a long enough password 1',
      acceptTerms: true,
    });
    expect(signUp.statusCode).toBe(403);
    expect(signUp.json()).toMatchObject({ code: 'SIGNUP_CLOSED' });
  });
});

describe('target policy', () => {
  it('refuses blocked domains and their subdomains with TARGET_BLOCKED', async () => {
    const policy = await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: ['Blocked.Example'], sessionsPerDomain: null },
    });
    expect(policy.statusCode).toBe(200);
    expect(policy.json().targetPolicy.blockedDomains).toEqual(['blocked.example']);
    for (const startUrl of ['http://blocked.example/', 'https://shop.blocked.example/cart']) {
      const response = await api('POST', '/api/v1/sessions', { name: 'blocked', startUrl });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'TARGET_BLOCKED', field: 'startUrl' });
    }
  });

  it('refuses an invalid domain in the policy, naming the field', async () => {
    const response = await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: ['not a domain'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_ERROR',
      field: 'targetPolicy.blockedDomains.0',
    });
  });

  it('caps active sessions per domain with DOMAIN_SESSION_CAP_REACHED', async () => {
    await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: [], sessionsPerDomain: 1 },
    });
    const first = await api('POST', '/api/v1/sessions', { name: 'cap1', startUrl: 'http://127.0.0.1:9/a' });
    expect(first.statusCode).toBe(201);
    const second = await api('POST', '/api/v1/sessions', {
      name: 'cap2',
      startUrl: 'http://127.0.0.1:10/b',
    });
    expect(second.statusCode).toBe(403);
    expect(second.json()).toMatchObject({
      code: 'DOMAIN_SESSION_CAP_REACHED',
      details: { domain: '127.0.0.1', limit: 1 },
    });
    await api('POST', `/api/v1/sessions/${first.json().id}/stop`);
    expect(
      (
        await api('POST', '/api/v1/sessions', {
          name: 'cap3',
          startUrl: 'http://127.0.0.1:10/b',
          autoStart: false,
        })
      ).statusCode,
    ).toBe(201);
    await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: [], sessionsPerDomain: null },
    });
  });

  it('refuses navigating a running session to a blocked domain', async () => {
    const workerId = randomUUID();
    await insertWorker(accounts.testDatabase.database, { id: workerId, address: 'http://127.0.0.1:9' });
    const created = await api('POST', '/api/v1/sessions', {
      name: 'nav',
      startUrl: 'http://127.0.0.1:9/',
      autoStart: false,
    });
    await setSessionState(accounts.testDatabase.database, created.json().id, {
      status: 'RUNNING',
      workerId,
    });
    await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: ['blocked.example'], sessionsPerDomain: null },
    });
    const response = await api('POST', `/api/v1/sessions/${created.json().id}/navigate`, {
      url: 'https://www.blocked.example/',
    });
    expect(response.json()).toMatchObject({ code: 'TARGET_BLOCKED', field: 'url' });
    expect(response.statusCode).toBe(403);
    await orgAdmin.request('PATCH', '/api/v1/organization', {
      targetPolicy: { blockedDomains: [], sessionsPerDomain: null },
    });
    await setSessionState(accounts.testDatabase.database, created.json().id, {
      status: 'STOPPED',
      workerId: null,
    });
  });

  it('lets only ADMINs change the policy', async () => {
    const key = await api('POST', '/api/v1/api-keys', { name: 'writer', scopes: ['read', 'write'] });
    const response = await accounts.app.inject({
      method: 'PATCH',
      url: '/api/v1/organization',
      headers: { authorization: `Bearer ${key.json().key}` },
      payload: { name: 'renamed' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('audit log', () => {
  it('records sign-ins, failed sign-ins, keys, deletes and settings, with who and from where', async () => {
    expect((await new Browser(accounts.app).signIn(TEST_ADMIN.email, 'not the password')).statusCode).toBe(
      401,
    );
    const created = await api('POST', '/api/v1/sessions', {
      name: 'doomed',
      startUrl: 'http://127.0.0.1:9/',
      autoStart: false,
    });
    expect((await api('DELETE', `/api/v1/sessions/${created.json().id}`)).statusCode).toBe(204);
    const key = await api('POST', '/api/v1/api-keys', { name: 'short', scopes: ['read'] });
    expect((await api('DELETE', `/api/v1/api-keys/${key.json().id}`)).json()).toMatchObject({
      revokedAt: expect.any(String),
    });

    const response = await orgAdmin.get('/api/v1/audit-logs?pageSize=500');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as {
      action: string;
      actor: string | null;
      ip: string | null;
      targetId: string | null;
    }[];
    const actions = new Set(items.map((item) => item.action));
    for (const action of [
      'auth.sign_in',
      'auth.sign_in_failed',
      'api_key.created',
      'api_key.revoked',
      'session.deleted',
      'member.invited',
      'member.joined',
      'organization.settings_updated',
      'organization.plan_changed',
    ]) {
      expect(actions, action).toContain(action);
    }
    const failed = items.find((item) => item.action === 'auth.sign_in_failed')!;
    expect(failed).toMatchObject({ actor: TEST_ADMIN.email, ip: '127.0.0.1' });
    const invited = items.find((item) => item.action === 'member.invited')!;
    expect(invited).toMatchObject({ actor: TEST_ADMIN.email, targetId: expect.any(String) });
    const deleted = items.find((item) => item.action === 'session.deleted')!;
    expect(deleted).toMatchObject({ targetId: created.json().id, actor: expect.stringMatching(/^fw_live_/) });
  });

  it('filters by action and actor', async () => {
    const response = await orgAdmin.get('/api/v1/audit-logs?action=auth.sign_in&actor=olga');
    const items = response.json().items as { action: string; actor: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.action === 'auth.sign_in' && item.actor === 'olga@example.test')).toBe(
      true,
    );
  });

  it('exports CSV', async () => {
    const response = await orgAdmin.get('/api/v1/audit-logs?format=csv&action=session.deleted');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="audit-log-/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('createdAt,action,actor,ip,userAgent,targetType,targetId,details');
    expect(lines.slice(1).every((line) => line.includes(',session.deleted,'))).toBe(true);
  });

  it('is for ADMINs only', async () => {
    const key = await api('POST', '/api/v1/api-keys', { name: 'reader', scopes: ['read'] });
    const response = await accounts.app.inject({
      url: '/api/v1/audit-logs',
      headers: { authorization: `Bearer ${key.json().key}` },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the mail outbox', () => {
  it('keeps mails when no SMTP is configured, for platform administrators to read', async () => {
    const response = await admin.get('/api/v1/admin/mails');
    expect(response.statusCode).toBe(200);
    const mail = response.json().items.find((item: { to: string }) => item.to === 'olga@example.test');
    expect(mail).toMatchObject({
      status: 'OUTBOX',
      subject: expect.stringMatching(/Confirm your email|Join/),
    });
    expect((await orgAdmin.get('/api/v1/admin/mails')).statusCode).toBe(403);
  });
});
