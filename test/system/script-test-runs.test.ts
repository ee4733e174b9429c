import http from 'node:http';
import type { ScriptTestResult } from '@fleetwright/contracts';
import { startSite, type TestSite } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Platform, startPlatform } from '../support/platform.ts';

/**
 * Issue 11, script test runs through the API: `fleetwright server` finds an online worker with a
 * free slot and the worker runs the script on a throwaway context. Private targets are refused
 * platform-wide here (as in production); the organization lists 127.0.0.1 (the test site) as its
 * own private target, and 127.0.0.2 plays an internal host it does not list.
 */
let platform: Platform;
let site: TestSite;
let internal: http.Server;
let internalHits = 0;

beforeAll(async () => {
  site = await startSite({
    '/': '<title>Shop</title><h1>Welcome</h1>',
    '/fetches-internal': '<title>fetcher</title>',
  });
  const port = Number(new URL(site.url).port);
  internal = http.createServer((_request, response) => {
    internalHits += 1;
    response.end('secret');
  });
  await new Promise<void>((listening) => internal.listen(port, '127.0.0.2', listening));
  platform = await startPlatform({
    workers: 0,
    env: { ALLOW_PRIVATE_TARGETS: '0', SCRIPT_TEST_TIMEOUT_MS: '5000' },
  });
  const listed = await platform.api(
    'PATCH',
    `/admin/organizations/${platform.administrator.organizationId}`,
    {
      privateTargets: ['127.0.0.1'],
    },
  );
  expect(listed.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await site?.close();
  await new Promise((closed) => internal?.close(closed));
});

describe('a script test run without a worker', () => {
  it('answers 503 NO_WORKER_AVAILABLE while no worker is online', async () => {
    const answer = await platform.api<{ code: string }>('POST', '/scripts/test', {
      url: `${site.url}/`,
      source: 'return 1;',
    });
    expect(answer).toMatchObject({ status: 503, body: { code: 'NO_WORKER_AVAILABLE' } });
  });
});

describe('a script test run through the API', () => {
  beforeAll(async () => {
    await platform.startWorker();
  }, 120_000);

  it('runs a saved script (latest or a given version) and answers value, console, errors and a screenshot', async () => {
    const created = await platform.api<{ id: string }>('POST', '/scripts', {
      name: 'Title',
      source: 'return document.title;',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await platform.api('PATCH', `/scripts/${id}`, {
      source: "console.log('heading', input.tag); return document.querySelector(input.tag).textContent;",
    });
    const latest = await platform.api<ScriptTestResult>('POST', `/scripts/${id}/test`, {
      url: `${site.url}/`,
      input: { tag: 'h1' },
    });
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({
      value: 'Welcome',
      console: [{ level: 'log', text: 'heading h1' }],
      errors: [],
      timedOut: false,
    });
    expect(Buffer.from(latest.body.screenshot!, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const first = await platform.api<ScriptTestResult>('POST', `/scripts/${id}/test`, {
      url: `${site.url}/`,
      version: 1,
    });
    expect(first.body.value).toBe('Shop');
    const missing = await platform.api('POST', `/scripts/${id}/test`, { url: `${site.url}/`, version: 5 });
    expect(missing).toMatchObject({
      status: 404,
      body: { code: 'SCRIPT_VERSION_NOT_FOUND', field: 'version' },
    });
  });

  it('caps a busy-looping script in time and says so, with a 200', async () => {
    const answer = await platform.api<ScriptTestResult>('POST', '/scripts/test', {
      url: `${site.url}/`,
      source: 'while (true) {}',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ value: null, timedOut: true });
    // Generous: the run is bounded by SCRIPT_TEST_TIMEOUT_MS (5 s here), not left to hang.
    expect(answer.body.durationMs).toBeLessThan(15_000);
  });

  it('caps a console flood and says so', async () => {
    const answer = await platform.api<ScriptTestResult>('POST', '/scripts/test', {
      url: `${site.url}/`,
      source: "for (let i = 0; i < 1000; i++) console.log('spam', i); return 'done';",
    });
    expect(answer.status).toBe(200);
    // Whether the loop also ends within the time cap depends on the machine's load; the console cap does not.
    expect(answer.body.truncated).toEqual({ console: true, value: false });
    expect(answer.body.console.length).toBeLessThanOrEqual(200);
  });

  it("refuses a private target the organization does not list, and blocks the page's requests to one", async () => {
    const refused = await platform.api('POST', '/scripts/test', {
      url: `http://127.0.0.2:${new URL(site.url).port}/`,
      source: 'return 1;',
    });
    expect(refused).toMatchObject({ status: 400, body: { code: 'TARGET_NOT_ALLOWED', field: 'url' } });
    const fetched = await platform.api<ScriptTestResult>('POST', '/scripts/test', {
      url: `${site.url}/fetches-internal`,
      source: `try { await fetch('http://127.0.0.2:${new URL(site.url).port}/'); return 'reached'; }
               catch { return 'blocked'; }`,
    });
    expect(fetched.body.value).toBe('blocked');
    expect(internalHits).toBe(0);
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const noUrl = await platform.api('POST', '/scripts/test', { source: 'return 1;', url: 'ftp://x' });
    expect(noUrl).toMatchObject({ status: 400, body: { code: 'VALIDATION_ERROR', field: 'url' } });
    const tooLong = await platform.api('POST', '/scripts/test', {
      url: `${site.url}/`,
      source: 'x'.repeat(100_001),
    });
    expect(tooLong).toMatchObject({ status: 400, body: { field: 'source' } });
  });
});
