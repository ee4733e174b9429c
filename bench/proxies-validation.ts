/**
 * A validation run end to end, database included: 2,000 proxies of one organization — 20 % fast
 * and working, 10 % slow but working, 40 % refusing, 30 % hanging — checked by a worker's proxy jobs
 * (startProxyJobs, in this process) at the default bound with a 5 s timeout, each result written
 * to Postgres (history, health, run progress) and published as an event. Measured from the job's
 * startedAt to its finishedAt (and, as wall time, from the job's enqueueing). The proxies of one kind share one test proxy listening on
 * 0.0.0.0, reached under distinct 127.x addresses (the pool holds distinct host:port pairs).
 * Run alone: `npx tsx bench/proxies-validation.ts`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getProxyValidation, insertProxyValidation, upsertProxies } from '@fleetwright/db';
import { SessionEvents } from '@fleetwright/events';
import { createLogger } from '@fleetwright/logger';
import { answerCheckEcho } from '@fleetwright/net-guard';
import { enqueueProxyValidation } from '@fleetwright/queue';
import { loadKeyring } from '@fleetwright/secrets';
import { refusingProxyAddress, startTestProxy, type TestProxy } from '@fleetwright/testing';
import { startTestDatabase } from '@fleetwright/testing/database';
import { startProxyJobs } from '../apps/worker/src/proxies/proxy-jobs.ts';

export interface ProxyValidationRunResult {
  total: number;
  succeeded: number;
  failed: number;
  /** The run's startedAt → finishedAt, ms: checks, writes and events (the job's pickup not included). */
  elapsedMs: number;
  /** Job enqueued → run COMPLETED as the bench saw it, ms (the worker's poll, up to 0.5 s, included). */
  wallMs: number;
  perMinute: number;
  /** Peak RSS of this process (worker side of the run, test proxies and echo included). */
  peakRssBytes: number;
}

/** The 127.x address number `n` of a kind (`block` keeps the kinds apart). */
function loopbackHost(block: number, n: number): string {
  return `127.${block}.${Math.floor(n / 250)}.${1 + (n % 250)}`;
}

export async function measureProxyValidationRun(total = 2000): Promise<ProxyValidationRunResult> {
  const echo = http.createServer(answerCheckEcho);
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const checkUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/anything`;
  const servers: TestProxy[] = [];
  const testDatabase = await startTestDatabase({
    env: { PROXY_CHECK_URL: checkUrl, PROXY_CHECK_TIMEOUT_MS: '5000', LOG_LEVEL: 'silent' },
  });
  try {
    const fast = await startTestProxy({ host: '0.0.0.0' });
    const slow = await startTestProxy({ host: '0.0.0.0', delayMs: 1000 });
    const hanging = await startTestProxy({ host: '0.0.0.0', hang: true });
    servers.push(fast, slow, hanging);
    const counts = { fast: total * 0.2, slow: total * 0.1, refusing: total * 0.4 };
    const rows = Array.from({ length: total }, (_, n) => {
      const at =
        n < counts.fast
          ? { host: loopbackHost(1, n), port: fast.port }
          : n < counts.fast + counts.slow
            ? { host: loopbackHost(2, n), port: slow.port }
            : n < counts.fast + counts.slow + counts.refusing
              ? refusingProxyAddress(n)
              : { host: loopbackHost(3, n), port: hanging.port };
      return {
        id: crypto.randomUUID(),
        protocol: 'http' as const,
        ...at,
        username: null,
        password: null,
        tags: [],
      };
    });
    const { database, boss, organizationId, config } = testDatabase;
    await upsertProxies(database.db, organizationId, rows);
    const run = await insertProxyValidation(database.db, { organizationId, selection: {} });

    const logger = createLogger({ name: 'bench', level: 'silent' });
    let peakRssBytes = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
    }, 100);
    const jobs = await startProxyJobs({
      boss,
      database,
      keyring: loadKeyring(config),
      events: new SessionEvents(database.pool, logger),
      logger,
      config,
      // Loopback proxies: the host screen has its own test (it refuses them unless allowed).
      targetGuard: null,
      pollingIntervalSeconds: 0.5,
    });
    const started = performance.now();
    await enqueueProxyValidation(boss, { validationId: run.id, organizationId }, { db: database.pool });
    let done = await getProxyValidation(database.db, { organizationId, id: run.id });
    while (done?.status !== 'COMPLETED' && done?.status !== 'FAILED') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done = await getProxyValidation(database.db, { organizationId, id: run.id });
    }
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const elapsedMs = (done.finishedAt?.getTime() ?? 0) - (done.startedAt?.getTime() ?? 0);
    await jobs.stop();
    return {
      total: done.total,
      succeeded: done.succeeded,
      failed: done.failed,
      elapsedMs,
      wallMs,
      perMinute: (done.checked / elapsedMs) * 60_000,
      peakRssBytes,
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    echo.close();
    await testDatabase.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureProxyValidationRun();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
