import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { answerCheckEcho } from '@fleetwright/net-guard';
import {
  ConnectionTracker,
  refusingProxyAddress,
  startTestProxy,
  TEST_TLS,
  type TestProxy,
  type TestProxyOptions,
} from '@fleetwright/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkProxies, learnCheckBaseline } from '../src/proxies/check-proxies.ts';
import { checkProxy, type ProxyCheckResult, type ProxyEndpoint } from '../src/proxies/check-proxy.ts';
import { waitFor } from './helpers.ts';

/**
 * Issue 10: the proxy check engine against real proxies on loopback. The checker connects from
 * 127.0.0.1; the test proxies leave through 127.0.0.2 (or another 127.x given as exitAddress), so
 * the echo tells the proxy's exit apart from the client.
 */

let echo: http.Server;
let checkUrl: string;
const started: TestProxy[] = [];

beforeAll(async () => {
  echo = http.createServer(answerCheckEcho);
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  checkUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/anything`;
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((proxy) => proxy.close()));
});

afterAll(async () => {
  echo.closeAllConnections();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function proxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const server = await startTestProxy(options);
  started.push(server);
  return server;
}

function endpoint(proxy: TestProxy, credentials?: { username: string; password: string }): ProxyEndpoint {
  return { protocol: proxy.protocol, host: proxy.host, port: proxy.port, ...credentials };
}

const check = (target: ProxyEndpoint, timeoutMs = 5000) =>
  checkProxy(target, { checkUrl, timeoutMs, ca: TEST_TLS.cert });

describe('checkProxy', () => {
  it.each([
    ['http', '127.0.0.2'],
    ['https', '127.0.0.3'],
    ['socks5', '127.0.0.4'],
    ['socks4', '127.0.0.5'],
  ] as const)(
    'reaches the echo through a working %s proxy and reports its exit address',
    async (protocol, exit) => {
      const working = await proxy({ protocol, exitAddress: exit });
      const result = await check(endpoint(working));
      expect(result).toMatchObject({ ok: true, exitIp: exit, supportsConnect: true, anonymity: 'elite' });
      expect(result.error).toBeUndefined();
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    },
  );

  it('measures latency up to the echo answer, which includes a slow proxy’s delay', async () => {
    const slow = await proxy({ delayMs: 400 });
    const result = await check(endpoint(slow));
    expect(result.ok).toBe(true);
    expect(result.latencyMs).toBeGreaterThanOrEqual(400);
  });

  it('sends Basic credentials to an HTTP proxy that requires them', async () => {
    const auth = { username: 'alice', password: 's3cret:with colon' };
    const guarded = await proxy({ auth });
    expect(await check(endpoint(guarded, auth))).toMatchObject({ ok: true, supportsConnect: true });
  });

  it.each([
    ['http', { username: 'alice', password: 'wrong' }],
    ['http', undefined],
    ['https', { username: 'alice', password: 'wrong' }],
    ['socks5', { username: 'alice', password: 'wrong' }],
    ['socks5', undefined],
    ['socks4', { username: 'mallory', password: '' }],
  ] as const)('reports AUTH_FAILED when a %s proxy refuses the credentials (%o)', async (protocol, given) => {
    const guarded = await proxy({ protocol, auth: { username: 'alice', password: 'right' } });
    const result = await check(endpoint(guarded, given));
    expect(result).toMatchObject({ ok: false, latencyMs: null, exitIp: null, anonymity: null });
    expect(result.error?.code).toBe('AUTH_FAILED');
  });

  it('passes SOCKS5 username and password', async () => {
    const auth = { username: 'bob', password: 'hunter2' };
    const guarded = await proxy({ protocol: 'socks5', auth });
    expect(await check(endpoint(guarded, auth))).toMatchObject({ ok: true, exitIp: '127.0.0.2' });
  });

  it.each(['http', 'socks5'] as const)(
    'reports REFUSED for a %s proxy address where nothing listens',
    async (protocol) => {
      const result = await check({ protocol, ...refusingProxyAddress(7) });
      expect(result).toMatchObject({ ok: false, supportsConnect: false });
      expect(result.error?.code).toBe('REFUSED');
    },
  );

  it.each(['http', 'https', 'socks5', 'socks4'] as const)(
    'ends the check of a %s proxy that accepts and never answers at the timeout',
    async (protocol) => {
      const hanging = await proxy({ protocol, hang: true });
      const began = performance.now();
      const result = await check(endpoint(hanging), 300);
      // Bounded, not fast: the check comes back instead of waiting on the proxy forever.
      expect(performance.now() - began).toBeLessThan(5000);
      expect(result.error?.code).toBe('TIMEOUT');
      await waitFor('the proxy to see its connection closed', () => hanging.tracker.open === 0);
    },
  );

  it('times out a proxy slower than the timeout', async () => {
    const slow = await proxy({ delayMs: 2000 });
    const result = await check(endpoint(slow), 300);
    expect(result.error?.code).toBe('TIMEOUT');
  });

  it('reports a proxy that refuses CONNECT as working without HTTPS support', async () => {
    const plainOnly = await proxy({ connect: false });
    const result = await check(endpoint(plainOnly));
    expect(result).toMatchObject({ ok: true, supportsConnect: false, exitIp: '127.0.0.2' });
  });

  it.each([
    ['nothing', 'elite'],
    ['proxy', 'anonymous'],
    ['client', 'transparent'],
  ] as const)('judges a proxy that reveals %s as %s', async (reveal, anonymity) => {
    const revealing = await proxy({ reveal });
    expect((await check(endpoint(revealing))).anonymity).toBe(anonymity);
  });

  it('judges a proxy whose exit is the client’s own address as transparent', async () => {
    const sameAddress = await proxy({ exitAddress: '127.0.0.1' });
    expect(await check(endpoint(sameAddress))).toMatchObject({ ok: true, anonymity: 'transparent' });
  });

  it('reports BAD_RESPONSE when the answer is not the echo', async () => {
    const site = http.createServer((_request, response) => response.end('<html>not an echo</html>'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const working = await proxy();
      const result = await checkProxy(endpoint(working), {
        checkUrl: `http://127.0.0.1:${(site.address() as AddressInfo).port}/`,
        timeoutMs: 5000,
      });
      expect(result.error?.code).toBe('BAD_RESPONSE');
    } finally {
      site.closeAllConnections();
      site.close();
    }
  });
});

describe('checkProxies', () => {
  it('learns the checker’s own address from the echo', async () => {
    expect(await learnCheckBaseline({ checkUrl, timeoutMs: 5000 })).toMatchObject({
      clientAddresses: ['127.0.0.1'],
    });
  });

  it('never has more checks in flight than its bound, counted at the proxies', async () => {
    const tracker = new ConnectionTracker();
    const hanging = await Promise.all(Array.from({ length: 12 }, () => proxy({ hang: true, tracker })));
    const results: ProxyCheckResult[] = [];
    const summary = await checkProxies(
      hanging.map((each) => endpoint(each)),
      { checkUrl, timeoutMs: 300, concurrency: 3, onResult: (_proxy, result) => void results.push(result) },
    );
    expect(summary).toEqual({ checked: 12, ok: 0 });
    expect(results.map((result) => result.error?.code)).toEqual(Array(12).fill('TIMEOUT'));
    expect(tracker.total).toBe(12);
    expect(tracker.peak).toBe(3);
  });

  it('streams each result from an async source as its check ends', async () => {
    const fast = await proxy({ exitAddress: '127.0.0.6' });
    const socks = await proxy({ protocol: 'socks5', exitAddress: '127.0.0.7' });
    const hanging = await proxy({ hang: true });
    async function* source(): AsyncGenerator<ProxyEndpoint & { name: string }> {
      yield { ...endpoint(hanging), name: 'hanging' };
      yield { ...endpoint(fast), name: 'fast' };
      yield { protocol: 'http', ...refusingProxyAddress(3), name: 'refusing' };
      yield { ...endpoint(socks), name: 'socks' };
    }
    const seen: [string, string][] = [];
    const summary = await checkProxies(source(), {
      checkUrl,
      timeoutMs: 1000,
      concurrency: 4,
      onResult: (entry, result) =>
        void seen.push([entry.name, result.ok ? result.exitIp! : result.error!.code]),
    });
    expect(summary).toEqual({ checked: 4, ok: 2 });
    // The hanging proxy went first and was reported last: results come as checks end.
    expect(seen.at(-1)).toEqual(['hanging', 'TIMEOUT']);
    expect(new Map(seen)).toEqual(
      new Map([
        ['hanging', 'TIMEOUT'],
        ['fast', '127.0.0.6'],
        ['refusing', 'REFUSED'],
        ['socks', '127.0.0.7'],
      ]),
    );
  });

  it('stops on cancel: checks in flight are cut, nothing more is taken or reported', async () => {
    const tracker = new ConnectionTracker();
    const hanging = await Promise.all(Array.from({ length: 10 }, () => proxy({ hang: true, tracker })));
    const controller = new AbortController();
    let reported = 0;
    const run = checkProxies(
      hanging.map((each) => endpoint(each)),
      {
        checkUrl,
        timeoutMs: 60_000,
        concurrency: 4,
        signal: controller.signal,
        onResult: () => {
          reported += 1;
        },
      },
    );
    await waitFor('four checks in flight', () => tracker.open === 4);
    const began = performance.now();
    controller.abort(new Error('cancelled by the test'));
    await expect(run).rejects.toThrow('cancelled by the test');
    expect(performance.now() - began).toBeLessThan(5000);
    expect(reported).toBe(0);
    expect(tracker.total).toBe(4);
    await waitFor('the proxies to see every connection closed', () => tracker.open === 0);
  });

  it('ends the run with the error of a failing onResult', async () => {
    const working = await proxy();
    await expect(
      checkProxies([endpoint(working), endpoint(working)], {
        checkUrl,
        timeoutMs: 5000,
        concurrency: 1,
        onResult: () => {
          throw new Error('storage is down');
        },
      }),
    ).rejects.toThrow('storage is down');
  });
});

describe('an https check URL', () => {
  let secureEcho: https.Server;
  let secureUrl: string;

  beforeAll(async () => {
    secureEcho = https.createServer({ cert: TEST_TLS.cert, key: TEST_TLS.key }, answerCheckEcho);
    await new Promise<void>((resolve) => secureEcho.listen(0, '127.0.0.1', resolve));
    secureUrl = `https://127.0.0.1:${(secureEcho.address() as AddressInfo).port}/anything`;
  });

  afterAll(async () => {
    secureEcho.closeAllConnections();
    await new Promise<void>((resolve) => secureEcho.close(() => resolve()));
  });

  const checkSecure = (target: ProxyEndpoint) =>
    checkProxy(target, { checkUrl: secureUrl, timeoutMs: 5000, ca: TEST_TLS.cert });

  it.each(['http', 'socks5'] as const)('is reached over TLS inside a %s tunnel', async (protocol) => {
    const working = await proxy({ protocol, exitAddress: '127.0.0.8' });
    expect(await checkSecure(endpoint(working))).toMatchObject({
      ok: true,
      exitIp: '127.0.0.8',
      supportsConnect: true,
    });
  });

  it('fails through an HTTP proxy without CONNECT, the only way it relays https', async () => {
    const plainOnly = await proxy({ connect: false });
    const result = await checkSecure(endpoint(plainOnly));
    expect(result).toMatchObject({ ok: false, supportsConnect: false });
    expect(result.error?.code).toBe('BAD_RESPONSE');
  });

  it('is asked directly for the checker’s own address', async () => {
    expect(
      await learnCheckBaseline({ checkUrl: secureUrl, timeoutMs: 5000, ca: TEST_TLS.cert }),
    ).toMatchObject({
      clientAddresses: ['127.0.0.1'],
    });
  });
});
