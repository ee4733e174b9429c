import { type FlowInput, flowSchema } from '@fleetwright/contracts';
import { startSite } from '@fleetwright/testing';
import type { Browser, Page } from 'playwright-core';
import { runFlow } from '../apps/worker/src/flows/run-flow.ts';

/**
 * The flow rows (issue 11): the same 20 steps on a local site, through the worker's flow runner
 * and as hand-written Playwright calls, in fresh contexts of one browser, interleaved (raw, ours,
 * raw, …) so that both see the same machine. The runner's row shows its own cost per run (variable
 * replacement, results, assertions' reads); the job row adds the queue and the session on top.
 */

export const BENCH_FLOW_PAGES = {
  '/login': `<title>Sign in</title>
<input id="user"> <input id="password" type="password">
<select id="plan"><option value="free">Free</option><option value="pro">Pro</option></select>
<input id="remember" type="checkbox"> <button id="submit">Sign in</button>
<script>
  document.querySelector('#submit').onclick = () => { location.href = '/orders?user=' + document.querySelector('#user').value; };
</script>`,
  '/orders': `<title>Orders</title><h1 id="welcome"></h1>
<input id="search"> <p id="searched"></p>
<table>${Array.from({ length: 20 }, (_, i) => `<tr class="order"><td class="id">A-${i}</td><td class="total">${i}.50</td></tr>`).join('')}</table>
<script>
  document.querySelector('#welcome').textContent = 'Welcome, ' + new URLSearchParams(location.search).get('user');
  document.querySelector('#search').onkeydown = (event) => {
    if (event.key === 'Enter') document.querySelector('#searched').textContent = 'searched ' + event.target.value;
  };
</script>`,
};

/** 20 steps: sign in, read a table, search, assert. `{{target}}` is /login. */
export const BENCH_FLOW: FlowInput = {
  steps: [
    { type: 'goto', url: '{{target}}' },
    { type: 'fill', selector: '#user', value: '{{user}}' },
    { type: 'fill', selector: '#password', value: '{{secrets.PASSWORD}}' },
    { type: 'select', selector: '#plan', values: ['pro'] },
    { type: 'check', selector: '#remember' },
    { type: 'click', selector: '#submit' },
    { type: 'wait', url: '**/orders?*' },
    { type: 'assert', assert: 'title', expected: 'Orders', match: 'equals' },
    { type: 'assert', assert: 'text', selector: '#welcome', expected: 'Welcome, {{user}}' },
    { type: 'wait', selector: 'tr.order' },
    {
      type: 'extract',
      as: 'orders',
      selector: 'tr.order',
      list: true,
      fields: { id: { selector: '.id' }, total: { selector: '.total' } },
    },
    { type: 'extract', as: 'first', selector: 'tr.order .id' },
    { type: 'assert', assert: 'count', selector: 'tr.order', equals: 20 },
    { type: 'assert', assert: 'visible', selector: '#search' },
    { type: 'hover', selector: 'tr.order' },
    { type: 'fill', selector: '#search', value: '{{first}}' },
    { type: 'press', selector: '#search', key: 'Enter' },
    { type: 'assert', assert: 'text', selector: '#searched', expected: 'searched A-0', match: 'equals' },
    { type: 'assert', assert: 'url', expected: '/orders' },
    { type: 'evaluate', source: 'return document.querySelectorAll("td").length', as: 'cells' },
  ],
};

const TIMEOUT = 15_000;

/** The same 20 steps, written by hand as a Playwright user would. */
export async function runRawFlow(page: Page, target: string): Promise<void> {
  await page.goto(target, { timeout: TIMEOUT });
  await page.fill('#user', 'ada', { timeout: TIMEOUT });
  await page.fill('#password', 's3cret', { timeout: TIMEOUT });
  await page.selectOption('#plan', ['pro'], { timeout: TIMEOUT });
  await page.setChecked('#remember', true, { timeout: TIMEOUT });
  await page.click('#submit', { timeout: TIMEOUT });
  await page.waitForURL('**/orders?*', { timeout: TIMEOUT });
  if ((await page.title()) !== 'Orders') throw new Error('title');
  if (!(await page.textContent('#welcome', { timeout: TIMEOUT }))?.includes('Welcome, ada'))
    throw new Error('welcome');
  await page.locator('tr.order').first().waitFor({ timeout: TIMEOUT });
  await page.locator('tr.order').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.querySelector('.id')?.textContent,
      total: row.querySelector('.total')?.textContent,
    })),
  );
  const first = await page.locator('tr.order .id').first().textContent({ timeout: TIMEOUT });
  if ((await page.locator('tr.order').count()) !== 20) throw new Error('count');
  await page.locator('#search').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.hover('tr.order', { timeout: TIMEOUT });
  await page.fill('#search', first ?? '', { timeout: TIMEOUT });
  await page.press('#search', 'Enter', { timeout: TIMEOUT });
  if ((await page.textContent('#searched', { timeout: TIMEOUT })) !== 'searched A-0')
    throw new Error('searched');
  if (!page.url().includes('/orders')) throw new Error('url');
  await page.evaluate(() => document.querySelectorAll('td').length);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Milliseconds per run (p50) of the 20 steps: through runFlow, and raw. */
export async function measureFlowRunner(
  browser: Browser,
  runs: number,
): Promise<{ runnerMs: number; rawMs: number }> {
  const site = await startSite(BENCH_FLOW_PAGES);
  const target = `${site.url}/login`;
  const flow = flowSchema.parse(BENCH_FLOW);
  const runner: number[] = [];
  const raw: number[] = [];
  const timed = async (run: (page: Page) => Promise<void>): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    try {
      const started = performance.now();
      await run(page);
      return performance.now() - started;
    } finally {
      await context.close();
    }
  };
  const throughRunner = async (page: Page) => {
    const result = await runFlow(flow, {
      page,
      target,
      inputs: { user: 'ada' },
      secrets: { PASSWORD: 's3cret' },
      loadScript: async () => null,
      saveArtifact: async () => {
        throw new Error('the bench flow saves no artifact');
      },
      signal: new AbortController().signal,
    });
    if (result.status !== 'passed') throw new Error(`the bench flow failed: ${JSON.stringify(result.error)}`);
  };
  try {
    // One warm-up each: the first page of a browser pays for its renderer process.
    await timed((page) => runRawFlow(page, target));
    await timed(throughRunner);
    for (let run = 0; run < runs; run += 1) {
      raw.push(await timed((page) => runRawFlow(page, target)));
      runner.push(await timed(throughRunner));
    }
  } finally {
    await site.close();
  }
  return { runnerMs: median(runner), rawMs: median(raw) };
}
