import { pathToFileURL } from 'node:url';
import { chromiumArgs, requireChromium } from '@fleetwright/browsers';
import type { Execution } from '@fleetwright/contracts';
import { startSite } from '@fleetwright/testing';
import { type Browser, chromium } from 'playwright-core';
import { startPlatform } from '../test/support/platform.ts';
import { BENCH_FLOW, BENCH_FLOW_PAGES, runRawFlow } from './flows.ts';

/**
 * The job-level flow rows (issue 11): the 20-step flow of bench/flows.ts as a flow job on the
 * platform as an operator runs it (`fleetwright server` and `worker`), run by `POST /jobs/:id/run`,
 * against raw Playwright doing what one execution does — a new context and page in a browser
 * already launched (as the worker's is), the same steps, close. Per run: the execution's own
 * `durationMs` (started → finished: its session's start and stop, the steps, results and events),
 * request → finished (adds the API, the queue and the worker's pick-up), and the raw run, interleaved
 * (raw, job, raw, …) so that both see the same machine.
 */

export interface JobFlowResult {
  runs: number;
  /** p50 of the executions' own durationMs. */
  executionMs: number;
  /** p50 of POST /jobs/:id/run → the execution's finishedAt. */
  requestToFinishedMs: number;
  /** p50 of raw Playwright: newContext + newPage + the 20 steps + close. */
  rawMs: number;
}

/**
 * Both figures come from the server's own timestamps (startedAt, finishedAt), so the poll's interval
 * only delays noticing the end; a finer one would load the two cores the run itself needs.
 */
const POLL_MS = 100;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function measureJobFlow(runs: number): Promise<JobFlowResult> {
  const site = await startSite(BENCH_FLOW_PAGES);
  const target = `${site.url}/login`;
  const executable = requireChromium();
  const browser: Browser = await chromium.launch({
    executablePath: executable.path,
    args: chromiumArgs(executable.kind),
    headless: true,
  });
  const platform = await startPlatform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_API_PER_MINUTE: '1000000' },
  });
  try {
    const { api, administrator } = platform;
    // The polls below are far more than a plan's minute of API calls.
    const raised = await api('PATCH', `/admin/organizations/${administrator.organizationId}`, {
      quotaOverrides: { apiRequestsPerMinute: 1_000_000 },
    });
    if (raised.status !== 200) throw new Error(`quota override answered ${raised.status}`);
    const secret = await api('POST', '/secrets', { name: 'PASSWORD', value: 's3cret' });
    if (secret.status !== 201) throw new Error(`secret create answered ${secret.status}`);
    const job = await api<{ id: string }>('POST', '/jobs', {
      name: 'bench flow',
      kind: 'flow',
      flow: BENCH_FLOW,
      targets: [target],
      inputs: { user: 'ada' },
    });
    if (job.status !== 201) throw new Error(`job create answered ${job.status}: ${JSON.stringify(job.body)}`);

    const throughJob = async (): Promise<{ executionMs: number; requestToFinishedMs: number }> => {
      const requested = Date.now();
      const run = await api<Execution>('POST', `/jobs/${job.body.id}/run`);
      if (run.status !== 202) throw new Error(`run answered ${run.status}`);
      for (;;) {
        const current = (await api<Execution>('GET', `/executions/${run.body.id}`)).body;
        if (current.status === 'SUCCEEDED')
          return {
            executionMs: current.durationMs ?? Number.NaN,
            requestToFinishedMs: new Date(current.finishedAt!).getTime() - requested,
          };
        if (current.status === 'FAILED' || current.status === 'CANCELLED')
          throw new Error(`the bench job ended ${current.status}: ${JSON.stringify(current.error)}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    const raw = async (): Promise<number> => {
      const started = performance.now();
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      try {
        await runRawFlow(await context.newPage(), target);
      } finally {
        await context.close();
      }
      return performance.now() - started;
    };

    // One warm-up each: the worker launches its Chromium for the first run, a renderer starts.
    await raw();
    await throughJob();
    const executions: number[] = [];
    const requests: number[] = [];
    const raws: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      raws.push(await raw());
      const timed = await throughJob();
      executions.push(timed.executionMs);
      requests.push(timed.requestToFinishedMs);
    }
    return {
      runs,
      executionMs: median(executions),
      requestToFinishedMs: median(requests),
      rawMs: median(raws),
    };
  } finally {
    await platform.stop();
    await browser.close();
    await site.close();
  }
}

// Runnable on its own: `npx tsx bench/jobs-flow.ts [runs]`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await measureJobFlow(Number(process.argv[2] ?? 20));
  const ratio = (value: number) => (value / result.rawMs).toFixed(2);
  console.log(
    [
      `flow job of 20 steps, ${result.runs} runs (p50):`,
      `  execution durationMs  ${Math.round(result.executionMs)} ms  (${ratio(result.executionMs)}× raw)`,
      `  request → finished    ${Math.round(result.requestToFinishedMs)} ms  (${ratio(result.requestToFinishedMs)}× raw)`,
      `  raw Playwright        ${Math.round(result.rawMs)} ms  (context + page + steps + close)`,
    ].join('\n'),
  );
}
