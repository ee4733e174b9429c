/**
 * `npm run bench`: Fleetwright next to raw Playwright on the same page and the same Chromium.
 * Prints one table. Not a test: nothing here fails a build.
 *
 * Start latency is API call → RUNNING event on a Socket.IO client, measured interleaved with the raw
 * starts (raw, pause, Fleetwright, pause) so both see the same machine; memory is the PSS of the
 * Chromium process tree (/proc/<pid>/smaps_rollup), never summed RSS.
 *
 * The platform runs with its defaults, so a `context` start takes the worker's warm context
 * (WARM_CONTEXTS=1) where raw Playwright creates its context and page; the rows marked "no warm
 * context" are the same starts on a worker with WARM_CONTEXTS=0, which pays for both like raw does.
 * A `browser` start makes its temporary profile in /dev/shm where this machine has room (PROFILE_DIR);
 * raw Playwright's `launch` makes its own in the OS temp directory, on disk here.
 */
import { chromiumArgs, requireChromium } from '@fleetwright/browsers';
import type { Session, SessionLog, SessionStatusEvent } from '@fleetwright/contracts';
import { descendantsOf, pssOf } from '@fleetwright/testing';
import { type Browser, chromium } from 'playwright-core';
import { startTestPages } from '../test/support/pages.ts';
import { type Platform, startPlatform } from '../test/support/platform.ts';
import { measureDensity } from './density.ts';
import { benchFailover } from './failover.ts';
import { measureFlowRunner } from './flows.ts';
import { measureJobFlow } from './jobs-flow.ts';

await settle();

import { measureScheduleLatency } from './jobs-schedule.ts';
import { measureListLoad } from './list-load.ts';

import { measureProxiesCheck } from './proxies-check.ts';
import { measureProxyImport } from './proxies-import.ts';
import { measureProxyPick } from './proxies-pick.ts';
import { measureProxyValidationRun } from './proxies-validation.ts';

import { measureStop } from './stop.ts';
import { measureWebhookDeliveries } from './webhooks.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const START_RUNS = QUICK ? 8 : 60;
/** Context starts on a worker without warm contexts (WARM_CONTEXTS=0). */
const COLD_START_RUNS = QUICK ? 8 : 40;
const BROWSER_START_RUNS = QUICK ? 4 : 20;
const ROUND_TRIPS = QUICK ? 40 : 200;
const MEMORY_STEPS = QUICK ? [1, 10] : [1, 10, 50];
/** Idle time before each start, on both sides. */
const START_GAP_MS = 100;
/** `context` sessions on the repainting page for the density rows. */
const DENSITY_SESSIONS = QUICK ? 20 : 200;
/** Sessions in the organization, request rate and duration of the list-load rows. */
const LIST_LOAD = QUICK
  ? { sessions: 2000, rate: 200, durationMs: 3000 }
  : { sessions: 10_000, rate: 200, durationMs: 10_000 };

/** Runs of the every-five-seconds job of the schedule-latency rows (issue 11). */
const SCHEDULE_RUNS = QUICK ? 6 : 20;

/** Lines of the proxy-import rows (issue 10: 100,000 in one request). */
const PROXY_IMPORT_LINES = QUICK ? 10_000 : 100_000;
/** Runs of the 20-step flow on each side (issue 11). */
const FLOW_RUNS = QUICK ? 10 : 40;
/** Runs of the same flow as a job, through the API, and raw (issue 11). */
const JOB_FLOW_RUNS = QUICK ? 8 : 20;

type Row = { metric: string; fleetwright: string; raw: string; ratio: string; target: string; ok: string };
const rows: Row[] = [];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const pss = pssOf;
/** PSS of the Chromium processes below `pid` (the worker's own Node process excluded). */
function chromiumPss(pid: number): number {
  return descendantsOf(pid).reduce((sum, child) => sum + pss(child.pid), 0);
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

function add(
  metric: string,
  ours: number,
  raw: number,
  format: (v: number) => string,
  target: string,
  pass: boolean,
) {
  rows.push({
    metric,
    fleetwright: format(ours),
    raw: Number.isNaN(raw) ? '—' : format(raw),
    ratio: Number.isNaN(raw) || raw === 0 ? '—' : `${(ours / raw).toFixed(2)}×`,
    target,
    ok: pass ? 'yes' : 'NO',
  });
}

async function main(): Promise<void> {
  const executable = requireChromium();
  const pages = await startTestPages();
  const url = `${pages.url}/`;
  const launch = () =>
    chromium.launch({ executablePath: executable.path, args: chromiumArgs(executable.kind), headless: true });

  // ---- raw memory, before the platform exists ---------------------------------------------------
  // N contexts with a page each in one browser, PSS of the browser tree minus the idle tree. The
  // raw browser must be this process's only child tree, so this runs before the platform starts.
  const rawMemory = new Map<number, number>();
  {
    // One session stays open throughout, as on the Fleetwright side, so the browser's one-off
    // costs (network service, first renderer) are in the baseline of both.
    const browser: Browser = await launch();
    const pid = process.pid;
    const anchor = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await (await anchor.newPage()).goto(url);
    await settle();
    const idle = chromiumPss(pid);
    for (const n of MEMORY_STEPS) {
      const contexts = [];
      for (let i = 0; i < n; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        await (await context.newPage()).goto(url);
        contexts.push(context);
      }
      await settle();
      rawMemory.set(n, (chromiumPss(pid) - idle) / n);
      await Promise.all(contexts.map((context) => context.close()));
      await settle();
    }
    await browser.close();
  }

  // ---- proxy checks: loopback proxies and a checking child process, while the machine is quiet ---
  const proxiesCheck = await measureProxiesCheck();
  await settle();
  const validationRun = await measureProxyValidationRun();
  await settle();

  // ---- list load and density, each on a platform of its own, before the main one starts ----------
  // The list load first: right after 200 pages close, the machine is still busy reclaiming them.
  const listLoad = await measureListLoad(LIST_LOAD);
  await settle();
  const proxyImport = await measureProxyImport(PROXY_IMPORT_LINES);
  await settle();
  const proxyPicks = [await measureProxyPick(2000), await measureProxyPick(PROXY_IMPORT_LINES)];
  const webhookDeliveries = await measureWebhookDeliveries(QUICK ? 2000 : 10_000);
  await settle();
  const density = await measureDensity({ url, sessions: DENSITY_SESSIONS });
  await settle();
  const flowRunner = await (async () => {
    const browser = await launch();
    try {
      return await measureFlowRunner(browser, FLOW_RUNS);
    } finally {
      await browser.close();
    }
  })();
  await settle();
  const jobFlow = await measureJobFlow(JOB_FLOW_RUNS);
  await settle();
  const scheduleLatencies = await measureScheduleLatency({ url, runs: SCHEDULE_RUNS });
  await settle();

  // ---- the platform ---------------------------------------------------------------------------
  const platform: Platform = await startPlatform({
    workers: 1,
    // Browser retirement off: the bench measures the steady cost of a session, not a browser swap.
    env: {
      WORKER_CAPACITY: '200',
      LOG_LEVEL: 'warn',
      METRICS_INTERVAL_MS: '5000',
      BROWSER_RETIRE_AFTER: '10000',
      // The bench measures latency, not the per-key API limit (600 a minute by default).
      RATE_LIMIT_API_PER_MINUTE: '1000000',
    },
  });
  stopPlatform = () => platform.stop();
  const socket = await platform.socket();
  await socket.timeout(10_000).emitWithAck('subscribe', { organization: true });
  const running = new Map<string, (at: number) => void>();
  socket.on('session.started', (event: SessionStatusEvent) =>
    running.get(event.sessionId)?.(performance.now()),
  );

  const startOne = async (isolation: 'context' | 'browser'): Promise<{ id: string; elapsed: number }> => {
    const t0 = performance.now();
    let resolveRunning!: (at: number) => void;
    const reached = new Promise<number>((resolve) => {
      resolveRunning = resolve;
    });
    const { status, body } = await platform.api<Session>('POST', '/sessions', {
      name: `bench-${isolation}`,
      startUrl: url,
      isolation,
    });
    if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
    running.set(body.id, resolveRunning);
    const at = await reached;
    running.delete(body.id);
    return { id: body.id, elapsed: at - t0 };
  };
  const stopAll = async (ids: string[]) => {
    await platform.api('POST', '/sessions/batch/stop', { ids });
    await settle();
  };

  // ---- start latency, raw and Fleetwright interleaved -------------------------------------------
  // One raw start, a pause, one Fleetwright start, a pause: both sides see the same machine (the
  // idle platform's heartbeats, Postgres, the other side's leftovers) and the same drift, and each
  // start begins on a quiet machine rather than on the tail of the previous stop.
  const raw: Record<string, number[]> = { context: [], cold: [], browser: [], evaluate: [], screenshot: [] };
  const ours: Record<string, number[]> = {
    context: [],
    cold: [],
    browser: [],
    evaluate: [],
    screenshot: [],
    events: [],
  };
  const browser: Browser = await launch();
  const rawContextStart = async () => {
    const t0 = performance.now();
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(url);
    const elapsed = performance.now() - t0;
    await context.close();
    return elapsed;
  };
  const rawBrowserStart = async () => {
    const t0 = performance.now();
    const own = await launch();
    const page = await (await own.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await page.goto(url);
    const elapsed = performance.now() - t0;
    await own.close();
    return elapsed;
  };
  const oursStart = async (isolation: 'context' | 'browser') => {
    const { id, elapsed } = await startOne(isolation);
    await platform.api('POST', `/sessions/${id}/stop`);
    return elapsed;
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, START_GAP_MS));

  // Warm both shared browsers.
  for (let i = 0; i < 3; i++) {
    await rawContextStart();
    await oursStart('context');
  }
  await settle();
  /** `runs` pairs of starts, raw then Fleetwright, each after a pause; their times under `key`. */
  const interleave = async (
    runs: number,
    key: string,
    rawStart: () => Promise<number>,
    isolation: 'context' | 'browser',
  ) => {
    for (let i = 0; i < runs; i++) {
      raw[key]!.push(await rawStart());
      await pause();
      ours[key]!.push(await oursStart(isolation));
      await pause();
    }
  };
  await interleave(START_RUNS, 'context', rawContextStart, 'context');
  // ---- the same on a worker without warm contexts --------------------------------------------------
  // What a start costs when it opens its own context, as raw Playwright does: the platform's own
  // overhead on top of Chromium's. Also the idle memory of the warm context: a fresh worker with it
  // minus a fresh one without, both after three starts and stops.
  await platform.workers[0]!.stop();
  const coldWorker = await platform.startWorker({ WARM_CONTEXTS: '0' });
  for (let i = 0; i < 3; i++) await oursStart('context');
  await settle();
  const coldIdle = chromiumPss(coldWorker.process.pid!);
  await interleave(COLD_START_RUNS, 'cold', rawContextStart, 'context');
  await coldWorker.stop();
  const worker = await platform.startWorker();
  for (let i = 0; i < 3; i++) await oursStart('context');
  await settle();
  const warmIdle = chromiumPss(worker.process.pid!);

  await interleave(BROWSER_START_RUNS, 'browser', rawBrowserStart, 'browser');
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(url);
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t0 = performance.now();
      await page.evaluate('window.answer');
      raw.evaluate!.push(performance.now() - t0);
    }
    for (let i = 0; i < ROUND_TRIPS / 4; i++) {
      const t0 = performance.now();
      await page.screenshot({ type: 'jpeg', quality: 80 });
      raw.screenshot!.push(performance.now() - t0);
    }
    await context.close();
  }
  await browser.close();
  await settle();

  const probe = await startOne('context');
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t0 = performance.now();
    await platform.api('POST', `/sessions/${probe.id}/evaluate`, { expression: 'window.answer' });
    ours.evaluate!.push(performance.now() - t0);
  }
  for (let i = 0; i < ROUND_TRIPS / 4; i++) {
    const t0 = performance.now();
    await platform.api('GET', `/sessions/${probe.id}/screenshot?quality=80`);
    ours.screenshot!.push(performance.now() - t0);
  }
  // Event latency: the page logs its own clock; the socket client compares on arrival.
  {
    const pending = new Map<string, number>();
    socket.on('session.log', (log: SessionLog) => {
      const match = /^bench-event (\d+(?:\.\d+)?)$/.exec(log.message);
      if (match) pending.set(match[1]!, Date.now() - Number(match[1]));
    });
    for (let i = 0; i < ROUND_TRIPS / 2; i++) {
      await platform.api('POST', `/sessions/${probe.id}/evaluate`, {
        expression: "console.log('bench-event ' + Date.now())",
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await settle();
    ours.events = [...pending.values()];
  }
  await stopAll([probe.id]);

  // Memory at 1 / 10 / 50 sessions: the worker's Chromium tree, minus its idle shared browser.
  const workerPid = worker.process.pid!;
  const oursMemory = new Map<number, number>();
  const workerNode = new Map<number, number>();
  {
    const anchor = await startOne('context');
    await settle();
    const idle = chromiumPss(workerPid);
    const idleNode = pss(workerPid);
    for (const n of MEMORY_STEPS) {
      // One after another, as on the raw side.
      const batch: { id: string }[] = [];
      for (let i = 0; i < n; i++) batch.push(await startOne('context'));
      await settle();
      oursMemory.set(n, (chromiumPss(workerPid) - idle) / n);
      workerNode.set(n, (pss(workerPid) - idleNode) / n);
      await stopAll(batch.map((entry) => entry.id));
    }
    await stopAll([anchor.id]);
  }

  const failover = await benchFailover(url);

  // ---- table ----------------------------------------------------------------------------------
  for (const p of [50, 95]) {
    const o = percentile(ours.context!, p);
    const r = percentile(raw.context!, p);
    add(
      `start p${p}, context (API → RUNNING vs newContext+newPage+goto)`,
      o,
      r,
      ms,
      '≤ 1.2× raw',
      o <= 1.2 * r,
    );
  }
  for (const p of [50, 95]) {
    const o = percentile(ours.cold!, p);
    const r = percentile(raw.cold!, p);
    add(`  start p${p}, context, no warm context (WARM_CONTEXTS=0)`, o, r, ms, 'info', true);
  }
  for (const p of [50, 95]) {
    const o = percentile(ours.browser!, p);
    const r = percentile(raw.browser!, p);
    add(`start p${p}, browser (API → RUNNING vs launch+…+goto)`, o, r, ms, '≤ 1.2× raw', o <= 1.2 * r);
  }
  for (const n of MEMORY_STEPS) {
    const o = oursMemory.get(n)!;
    const r = rawMemory.get(n)!;
    add(`memory per session at ${n} (Chromium PSS)`, o, r, mb, '≤ 1.15× raw', o <= 1.15 * r);
  }
  add('  warm context, idle (Chromium PSS, per worker)', warmIdle - coldIdle, Number.NaN, mb, 'info', true);
  for (const n of MEMORY_STEPS) {
    add(`  worker Node process per session at ${n}`, workerNode.get(n)!, Number.NaN, mb, 'info', true);
  }
  {
    const o = percentile(ours.evaluate!, 50);
    add('evaluate p50 (API vs page.evaluate)', o, percentile(raw.evaluate!, 50), ms, '≤ 15 ms', o <= 15);
    add('evaluate p95', percentile(ours.evaluate!, 95), percentile(raw.evaluate!, 95), ms, 'info', true);
  }
  {
    const o = percentile(ours.screenshot!, 50);
    const r = percentile(raw.screenshot!, 50);
    add('screenshot p50 1280×720 JPEG q80 (API vs raw)', o, r, ms, '≤ raw + 30 ms', o <= r + 30);
  }
  {
    const p50 = percentile(ours.events!, 50);
    const p95 = percentile(ours.events!, 95);
    add('event latency p50 (page console → socket client)', p50, Number.NaN, ms, 'info', true);
    add('event latency p95', p95, Number.NaN, ms, '≤ 50 ms', p95 <= 50);
  }

  {
    const p50 = percentile(scheduleLatencies, 50);
    const p95 = percentile(scheduleLatencies, 95);
    add('job schedule latency p50 (due → first session RUNNING)', p50, Number.NaN, ms, 'info', true);
    add('job schedule latency p95', p95, Number.NaN, ms, '≤ 1 s', p95 <= 1000);
  }

  add(
    `failover: kill -9 of a worker with ${failover.sessions} sessions → all RUNNING again`,
    failover.recoveredMs,
    Number.NaN,
    ms,
    '≤ 15 s',
    failover.recoveredMs <= 15_000,
  );

  {
    const n = density.sessions;
    const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
    add(
      `density: ${n} context sessions, burst create → all RUNNING (${density.running} ran)`,
      density.allRunningMs,
      Number.NaN,
      s,
      'info',
      true,
    );
    add('  burst create → RUNNING p50', percentile(density.burstStarts, 50), Number.NaN, ms, 'info', true);
    add('  burst create → RUNNING p95', percentile(density.burstStarts, 95), Number.NaN, ms, 'info', true);
    add(
      `  memory per session at ${n} (Chromium PSS)`,
      density.memoryPerSession,
      Number.NaN,
      mb,
      'info',
      true,
    );
    const startP95 = percentile(density.newStarts, 95);
    add(
      `  with ${n} running: new session start p50`,
      percentile(density.newStarts, 50),
      Number.NaN,
      ms,
      'info',
      true,
    );
    add(
      `  with ${n} running: new session start p95`,
      startP95,
      Number.NaN,
      ms,
      '≤ 3000 ms',
      startP95 <= 3000,
    );
    const listP95 = percentile(density.list, 95);
    add(`  with ${n} running: API list p95`, listP95, Number.NaN, ms, '≤ 100 ms', listP95 <= 100);
    add(`  with ${n} running: evaluate p95`, percentile(density.evaluate, 95), Number.NaN, ms, 'info', true);
    add(
      `  with ${n} running: screenshot p95`,
      percentile(density.screenshot, 95),
      Number.NaN,
      ms,
      'info',
      true,
    );
    add(
      `  load average (1 min) with ${n} running`,
      density.loadAverage,
      Number.NaN,
      (v) => v.toFixed(1),
      'info',
      true,
    );
  }
  {
    const title = `API list at ${listLoad.rate} req/s, ${listLoad.sessions} sessions (${listLoad.failures} failed)`;
    add(`${title} p50`, percentile(listLoad.latencies, 50), Number.NaN, ms, 'info', true);
    add('  p95', percentile(listLoad.latencies, 95), Number.NaN, ms, 'info', true);
    const p99 = percentile(listLoad.latencies, 99);
    add('  p99', p99, Number.NaN, ms, '≤ 50 ms', p99 <= 50);
  }

  {
    const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
    const n = proxyImport.lines.toLocaleString('en');
    add(
      `import ${n} proxy lines: time (${proxyImport.imported} new)`,
      proxyImport.importMs,
      Number.NaN,
      s,
      'info',
      true,
    );
    add(
      `  the same ${n} again (${proxyImport.merged} merged)`,
      proxyImport.reimportMs,
      Number.NaN,
      s,
      'info',
      true,
    );
  }
  add(
    'flow of 20 steps through the flow runner vs raw Playwright (p50)',
    flowRunner.runnerMs,
    flowRunner.rawMs,
    ms,
    '≤ 1.15× raw',
    flowRunner.runnerMs <= 1.15 * flowRunner.rawMs,
  );
  add(
    'flow of 20 steps as a job: execution durationMs vs raw context+steps+close (p50)',
    jobFlow.executionMs,
    jobFlow.rawMs,
    ms,
    '≤ 1.15× raw',
    jobFlow.executionMs <= 1.15 * jobFlow.rawMs,
  );
  add(
    '  the same, POST /jobs/:id/run → finished (p50)',
    jobFlow.requestToFinishedMs,
    jobFlow.rawMs,
    ms,
    'info',
    true,
  );
  add(
    `webhook deliveries per second to a loopback receiver (${webhookDeliveries.deliveries}, signed, recorded)`,
    webhookDeliveries.deliveredPerSecond,
    Number.NaN,
    (v) => `${Math.round(v)}/s`,
    '≥ 500/s',
    webhookDeliveries.deliveredPerSecond >= 500,
  );
  for (const pick of proxyPicks) {
    const n = pick.proxies.toLocaleString('en');
    for (const [strategy, ms] of Object.entries(pick.p50Ms)) {
      add(
        `session proxy pick, ${strategy}, pool of ${n} (p50)`,
        ms,
        Number.NaN,
        (v) => `${v.toFixed(1)} ms`,
        'info',
        true,
      );
    }
  }

  {
    const { total, ok, expectedOk, perMinute, peakRssBytes } = proxiesCheck;
    add(
      `proxy checks per minute: ${total} on loopback, 30 % hanging, 5 s timeout (${ok}/${expectedOk} working found)`,
      perMinute,
      Number.NaN,
      (v) => `${Math.round(v)}/min`,
      '≥ 20000/min',
      perMinute >= 20_000 && ok === expectedOk,
    );
    add(
      '  peak RSS of the checking process',
      peakRssBytes,
      Number.NaN,
      mb,
      '≤ 300 MB',
      peakRssBytes <= 300 * 1024 * 1024,
    );
  }
  {
    const { total, succeeded, perMinute, elapsedMs } = validationRun;
    add(
      `validation run of ${total} pool proxies, database writes and events included (${succeeded} working)`,
      elapsedMs,
      Number.NaN,
      (v) => `${(v / 1000).toFixed(1)} s (${Math.round(perMinute)}/min)`,
      'info',
      true,
    );
    add('  peak RSS of the process running it', validationRun.peakRssBytes, Number.NaN, mb, 'info', true);
  }

  socket.disconnect();
  await platform.stop();
  stopPlatform = null;
  {
    const stopMs = await measureStop(url);
    add(
      'stop: SIGTERM of `fleetwright start`, a tab watching',
      stopMs,
      Number.NaN,
      ms,
      '≤ 5000 ms',
      stopMs <= 5000,
    );
  }

  const headers: Row = {
    metric: 'metric',
    fleetwright: 'Fleetwright',
    raw: 'raw Playwright',
    ratio: 'ratio',
    target: 'target',
    ok: 'met',
  };
  const keys = Object.keys(headers) as (keyof Row)[];
  const width = (key: keyof Row) => Math.max(...[headers, ...rows].map((row) => row[key].length));
  const line = (row: Row) => `| ${keys.map((key) => row[key].padEnd(width(key))).join(' | ')} |`;
  console.log(
    `\nFleetwright bench — ${executable.kind} (${executable.path}), ${START_RUNS} starts, ${ROUND_TRIPS} round trips\n`,
  );
  console.log(line(headers));
  console.log(`|${keys.map((key) => '-'.repeat(width(key) + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  await pages.close();
}

/** Set once the platform runs: a failing bench must not leave its server and worker behind. */
let stopPlatform: (() => Promise<void>) | null = null;

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error);
    await stopPlatform?.().catch(() => {});
    process.exit(1);
  },
);
