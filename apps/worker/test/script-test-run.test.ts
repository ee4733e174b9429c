import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireChromium } from '@fleetwright/browsers';
import { createLogger } from '@fleetwright/logger';
import { classifyAddress } from '@fleetwright/net-guard';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../src/browsers/browser-pool.ts';
import {
  runScriptTest,
  type ScriptTestDeps,
  type ScriptTestRequest,
  TEST_CONSOLE_MAX_LINES,
} from '../src/scripts/test-run.ts';

/**
 * Issue 11, the script test run: real Chromium, a site on loopback named `site.test` (which only
 * the egress guard's resolver knows, so a page that loads at all went through the guard) and
 * 127.0.0.2 playing an internal host. The answer carries value, console, errors and a screenshot;
 * time and output are capped and say so; the throwaway context is always closed.
 */
let pool: BrowserPool;
let site: http.Server;
let internal: http.Server;
let port: number;
let internalHits = 0;
const ORGANIZATION = '00000000-0000-4000-8000-000000000001';
const names: Record<string, string[]> = { 'site.test': ['127.0.0.1'], 'internal.test': ['127.0.0.2'] };

const pages: Record<string, string> = {
  '/': '<title>Shop</title><h1>Welcome</h1><table><tr><td>a</td></tr></table>',
  '/throws-later':
    '<title>late</title><script>setTimeout(() => { throw new Error("page broke") }, 0)</script>',
  '/to-internal': '',
};

beforeAll(async () => {
  site = http.createServer((request, response) => {
    if (request.url === '/to-internal') {
      response.writeHead(302, { location: `http://internal.test:${port}/` }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end(pages[request.url ?? '/'] ?? 'nothing');
  });
  await new Promise<void>((listening) => site.listen(0, '127.0.0.1', listening));
  port = (site.address() as AddressInfo).port;
  internal = http.createServer((_request, response) => {
    internalHits += 1;
    response.end('<title>internal</title>');
  });
  await new Promise<void>((listening) => internal.listen(port, '127.0.0.2', listening));
  pool = new BrowserPool({
    chromium: requireChromium(),
    retireAfter: 100,
    logger: createLogger({ name: 'script-test-run', level: 'silent' }),
  });
});

afterAll(async () => {
  await pool?.close();
  await new Promise((closed) => site?.close(closed));
  await new Promise((closed) => internal?.close(closed));
});

function deps(timeoutMs = 20_000): ScriptTestDeps {
  return {
    pool,
    config: { SCRIPT_TEST_TIMEOUT_MS: timeoutMs, ALLOW_PRIVATE_TARGETS: false },
    logger: createLogger({ name: 'script-test-run', level: 'silent' }),
    loadPrivateTargets: async () => [],
    targetGuard: {
      classify: (address) => (address === '127.0.0.1' ? 'public' : classifyAddress(address)),
      resolve: async (name) => {
        const found = names[name];
        if (!found) throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
        return found;
      },
    },
  };
}

function request(source: string, path = '/', more: Partial<ScriptTestRequest> = {}): ScriptTestRequest {
  return {
    organizationId: ORGANIZATION,
    url: `http://site.test:${port}${path}`,
    source,
    libraries: [],
    input: {},
    ...more,
  };
}

/** Contexts open in the pool's browsers: a test run leaves none behind. */
async function openContexts(): Promise<number> {
  // The pool's shared browser is the one the next context would open in.
  const { context, shared } = await pool.openContext({});
  const count = shared.browser.contexts().length - 1;
  await context.close();
  pool.releaseContext(shared);
  return count;
}

describe('a script test run', () => {
  it('answers the value, console output, errors and a screenshot', async () => {
    const result = await runScriptTest(
      deps(),
      request(
        `console.log('hello', input.who); console.warn('careful'); console.error('broken');
         console.debug('detail'); console.table(['row']);
         return { title: document.title, heading: document.querySelector('h1').textContent, target: input.target };`,
        '/',
        { input: { who: 'tester' } },
      ),
    );
    expect(result).toMatchObject({
      value: { title: 'Shop', heading: 'Welcome', target: `http://site.test:${port}/` },
      console: [
        { level: 'log', text: 'hello tester' },
        { level: 'warn', text: 'careful' },
        { level: 'error', text: 'broken' },
        { level: 'debug', text: 'detail' },
        { level: 'log', text: expect.any(String) },
      ],
      errors: [],
      timedOut: false,
      truncated: { value: false, console: false },
      screenshotType: 'image/jpeg',
    });
    // A JPEG starts with FF D8 FF.
    expect(Buffer.from(result.screenshot!, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(result.durationMs).toBeGreaterThan(0);
    expect(await openContexts()).toBe(0);
  });

  it("reports what the script threw and the page's own uncaught errors", async () => {
    const result = await runScriptTest(
      deps(),
      request(
        `await new Promise((resolve) => setTimeout(resolve, 50)); throw new Error('no such button');`,
        '/throws-later',
      ),
    );
    expect(result.value).toBeNull();
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('page broke'),
        expect.stringContaining('no such button'),
      ]),
    );
    expect(result.timedOut).toBe(false);
  });

  it('stops a busy-looping script at the time cap and says so, then closes its context', async () => {
    const result = await runScriptTest(deps(2000), request('while (true) {}'));
    expect(result).toMatchObject({ value: null, timedOut: true });
    expect(result.errors.join('\n')).toMatch(/did not finish within/);
    // Generous: what is proven is that the run is bounded, not how fast it is.
    expect(result.durationMs).toBeLessThan(15_000);
    expect(await openContexts()).toBe(0);
  });

  it('caps a console flood and a huge value, and says which caps were hit', async () => {
    const result = await runScriptTest(
      deps(),
      request(`for (let i = 0; i < 5000; i++) console.log('line ' + i + ' ' + 'x'.repeat(100));
               return 'y'.repeat(1024 * 1024);`),
    );
    expect(result.console.length).toBeLessThanOrEqual(TEST_CONSOLE_MAX_LINES);
    expect(result.console[0]).toMatchObject({ level: 'log', text: expect.stringMatching(/^line 0 x+$/) });
    expect(result).toMatchObject({ value: null, truncated: { value: true, console: true }, timedOut: false });
    expect(JSON.stringify(result).length).toBeLessThan(1024 * 1024);
  });

  it('refuses to reach an internal host through a redirect, as a session is refused', async () => {
    internalHits = 0;
    const result = await runScriptTest(deps(), request('return document.title;', '/to-internal'));
    expect(result.value).toBeNull();
    expect(result.errors.join('\n')).toMatch(/internal\.test|127\.0\.0\.2/);
    expect(internalHits).toBe(0);
  });

  it('injects axe-core and web-vitals from their npm packages before the script', async () => {
    const result = await runScriptTest(
      deps(),
      request('return [typeof axe.run, typeof webVitals.onLCP, axe.version];', '/', {
        libraries: ['axe-core', 'web-vitals'],
      }),
    );
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual(['function', 'function', expect.stringMatching(/^4\./)]);
  });
});
