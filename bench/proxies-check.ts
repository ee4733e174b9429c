/**
 * Proxy validation throughput: 2,000 proxies on loopback — 20 % fast and working, 10 % slow but
 * working, 40 % refusing, 30 % hanging — checked at checkProxies' default bound with a 5 s timeout,
 * in a child process (bench/proxies-check-runner.ts) whose peak RSS is the checker's own. Every
 * proxy is a distinct host:port: working and hanging ones each listen on a port of their own,
 * refusing ones are 127.x addresses where nothing listens. Run alone: `npx tsx bench/proxies-check.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { answerCheckEcho } from '@fleetwright/net-guard';
import {
  ConnectionTracker,
  refusingProxyAddress,
  startTestProxy,
  type TestProxy,
} from '@fleetwright/testing';
import type { ProxyEndpoint } from '../apps/worker/src/proxies/check-proxy.ts';

export interface ProxiesCheckOptions {
  /** @default 2000 */
  total?: number;
  /** @default 5000 */
  timeoutMs?: number;
  /** How long a slow proxy waits before each forward (the check makes two: GET and CONNECT). @default 1000 */
  slowDelayMs?: number;
}

export interface ProxiesCheckResult {
  total: number;
  /** Proxies that should have passed (fast + slow) and did. */
  expectedOk: number;
  ok: number;
  codes: Record<string, number>;
  elapsedMs: number;
  perMinute: number;
  peakRssBytes: number;
  /** The most connections open at once at the working and hanging proxies. */
  peakInFlight: number;
}

const execFileAsync = promisify(execFile);

/** A fixed shuffle (a linear congruential generator), so every run mixes the kinds the same way. */
function shuffle<T>(items: T[]): T[] {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export async function measureProxiesCheck(options: ProxiesCheckOptions = {}): Promise<ProxiesCheckResult> {
  const total = options.total ?? 2000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const fast = Math.round(total * 0.2);
  const slow = Math.round(total * 0.1);
  const hanging = Math.round(total * 0.3);
  const refusing = total - fast - slow - hanging;

  const echo = http.createServer(answerCheckEcho);
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const checkUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/anything`;
  const tracker = new ConnectionTracker();
  const servers: TestProxy[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-bench-proxies-'));
  try {
    // A quarter of the fast ones are SOCKS5, the rest HTTP; the slow ones HTTP.
    for (let i = 0; i < fast; i++) {
      servers.push(await startTestProxy({ protocol: i % 4 === 0 ? 'socks5' : 'http', tracker }));
    }
    for (let i = 0; i < slow; i++) {
      servers.push(await startTestProxy({ delayMs: options.slowDelayMs ?? 1000, tracker }));
    }
    for (let i = 0; i < hanging; i++) servers.push(await startTestProxy({ hang: true, tracker }));
    const proxies: ProxyEndpoint[] = shuffle([
      ...servers.map((server) => ({ protocol: server.protocol, host: server.host, port: server.port })),
      ...Array.from({ length: refusing }, (_, n) => ({
        protocol: 'http' as const,
        ...refusingProxyAddress(n),
      })),
    ]);
    const inputFile = path.join(dir, 'proxies.json');
    writeFileSync(inputFile, JSON.stringify({ checkUrl, timeoutMs, proxies }));
    const runner = fileURLToPath(new URL('./proxies-check-runner.ts', import.meta.url));
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', runner, inputFile], {
      maxBuffer: 1024 * 1024,
    });
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      checked: number;
      ok: number;
      codes: Record<string, number>;
      elapsedMs: number;
      peakRssBytes: number;
    };
    return {
      total: report.checked,
      expectedOk: fast + slow,
      ok: report.ok,
      codes: report.codes,
      elapsedMs: report.elapsedMs,
      perMinute: (report.checked / report.elapsedMs) * 60_000,
      peakRssBytes: report.peakRssBytes,
      peakInFlight: tracker.peak,
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    echo.closeAllConnections();
    echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const result = await measureProxiesCheck();
  console.log(
    `${result.total} proxies in ${(result.elapsedMs / 1000).toFixed(2)} s: ${Math.round(result.perMinute)} per minute, ` +
      `peak RSS ${(result.peakRssBytes / 1024 / 1024).toFixed(1)} MB, ${result.ok}/${result.expectedOk} working found, ` +
      `peak ${result.peakInFlight} connections at the proxies; ${JSON.stringify(result.codes)}`,
  );
}
