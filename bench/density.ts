/**
 * Density: many `context` sessions on a page that repaints every second, on one worker. A burst of
 * creates (all sent at once), the time until every one is RUNNING and each one's create → RUNNING;
 * the memory per session; then, with all of them running, what a user of the control plane sees: a
 * new session's start, the API list, evaluate and screenshot round trips. On a small machine the
 * pages saturate the CPU, so this is the control plane's responsiveness under saturation.
 */
import os from 'node:os';
import type { Session, SessionStatusEvent } from '@fleetwright/contracts';
import { descendantsOf, pssOf } from '@fleetwright/testing';
import { startPlatform } from '../test/support/platform.ts';

export interface DensityOptions {
  /** The repainting page every session opens. */
  url: string;
  /** Sessions in the burst. @default 200 */
  sessions?: number;
  /** New sessions started (one at a time, each stopped again) while the burst's sessions run. @default 20 */
  newStarts?: number;
  /** Round trips of each kind (list, evaluate) while they run; screenshots: a quarter. @default 100 */
  roundTrips?: number;
  /** Worker environment on top of the bench's (e.g. BROWSER_NICE, START_CONCURRENCY). */
  env?: Record<string, string>;
}

export interface DensityResult {
  sessions: number;
  /** Sessions of the burst that reached RUNNING. */
  running: number;
  /** First create sent → last RUNNING event, ms. */
  allRunningMs: number;
  /** Each burst session's create → RUNNING, ms. */
  burstStarts: number[];
  /** Chromium PSS per running session (the worker's Chromium tree minus its idle tree), bytes. */
  memoryPerSession: number;
  /** With the burst's sessions running: */
  newStarts: number[];
  list: number[];
  evaluate: number[];
  screenshot: number[];
  /** 1-minute load average at the end, to judge the figures by. */
  loadAverage: number;
}

/** How long the burst may take before the bench reports what it has. */
const BURST_TIMEOUT_MS = 600_000;

const pss = pssOf;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureDensity(options: DensityOptions): Promise<DensityResult> {
  const count = options.sessions ?? 200;
  const newStartRuns = options.newStarts ?? 20;
  const roundTrips = options.roundTrips ?? 100;
  const platform = await startPlatform({
    workers: 1,
    env: {
      WORKER_CAPACITY: String(count + 10),
      LOG_LEVEL: 'warn',
      METRICS_INTERVAL_MS: '5000',
      // One shared browser throughout: the bench measures density, not a browser swap.
      BROWSER_RETIRE_AFTER: '100000',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      ...options.env,
    },
  });
  try {
    const socket = await platform.socket();
    await socket.timeout(10_000).emitWithAck('subscribe', { organization: true });
    const running = new Map<string, (at: number) => void>();
    /** RUNNING events by session, kept: under load one may arrive before its create's answer. */
    const startedAt = new Map<string, number>();
    socket.on('session.started', (event: SessionStatusEvent) => {
      const at = performance.now();
      startedAt.set(event.sessionId, at);
      running.get(event.sessionId)?.(at);
    });
    /** Creates a session; resolves with its id and when it was sent, and a promise of its RUNNING time. */
    const create = async (name: string) => {
      const sent = performance.now();
      let reached!: (at: number) => void;
      const runningAt = new Promise<number>((resolve) => {
        reached = resolve;
      });
      const { status, body } = await platform.api<Session>('POST', '/sessions', {
        name,
        startUrl: options.url,
        isolation: 'context',
      });
      if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
      running.set(body.id, reached);
      const early = startedAt.get(body.id);
      if (early !== undefined) reached(early);
      return { id: body.id, sent, runningAt };
    };
    const workerPid = platform.workers[0]!.process.pid!;
    const chromiumPss = () => descendantsOf(workerPid).reduce((sum, child) => sum + pss(child.pid), 0);

    // Warm the shared browser, then the idle tree.
    const warm = await create('density-warm-up');
    await warm.runningAt;
    await platform.api('POST', `/sessions/${warm.id}/stop`);
    await pause(3000);
    const idle = chromiumPss();

    // ---- the burst ----------------------------------------------------------------------------
    const t0 = performance.now();
    const burst = await Promise.all(Array.from({ length: count }, (_, i) => create(`density-${i}`)));
    const timeout = pause(BURST_TIMEOUT_MS).then(() => null);
    const reachedAt = await Promise.all(burst.map((session) => Promise.race([session.runningAt, timeout])));
    const burstStarts = burst.flatMap((session, i) =>
      reachedAt[i] === null ? [] : [reachedAt[i]! - session.sent],
    );
    const last = Math.max(...reachedAt.map((at) => at ?? Number.NaN));
    const allRunningMs = last - t0;
    await pause(5000);
    const memoryPerSession = (chromiumPss() - idle) / count;

    // ---- with them running --------------------------------------------------------------------
    const newStarts: number[] = [];
    for (let i = 0; i < newStartRuns; i++) {
      const session = await create(`density-new-${i}`);
      newStarts.push((await session.runningAt) - session.sent);
      await platform.api('POST', `/sessions/${session.id}/stop`);
      await pause(500);
    }
    const timed = async (work: () => Promise<unknown>, into: number[], times: number, gapMs: number) => {
      for (let i = 0; i < times; i++) {
        const start = performance.now();
        await work();
        into.push(performance.now() - start);
        await pause(gapMs);
      }
    };
    const list: number[] = [];
    await timed(() => platform.api('GET', '/sessions'), list, roundTrips, 20);
    const probe = burst[0]!.id;
    const evaluate: number[] = [];
    await timed(
      () => platform.api('POST', `/sessions/${probe}/evaluate`, { expression: 'document.title' }),
      evaluate,
      roundTrips,
      20,
    );
    const screenshot: number[] = [];
    await timed(
      () => platform.api('GET', `/sessions/${probe}/screenshot?quality=80`),
      screenshot,
      Math.ceil(roundTrips / 4),
      50,
    );
    const loadAverage = os.loadavg()[0]!;
    socket.disconnect();
    return {
      sessions: count,
      running: burstStarts.length,
      allRunningMs,
      burstStarts,
      memoryPerSession,
      newStarts,
      list,
      evaluate,
      screenshot,
      loadAverage,
    };
  } finally {
    await platform.stop();
  }
}
