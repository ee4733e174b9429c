import { chromiumArgs, requireChromium } from '@fleetwright/browsers';
import { type FlowInput, type FlowStepResult, flowSchema, type JobInputs } from '@fleetwright/contracts';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runFlow } from '../src/flows/run-flow.ts';
import type { FlowRunContext, FlowRunResult } from '../src/flows/types.ts';
import { startSite, type TestSite } from './helpers.ts';

/** Step flows (issue 11) run by the worker's flow runner on a real Chromium page. */

const SIGN_IN = `<title>Sign in</title>
<form id="login">
  <input id="user" name="user"> <input id="password" type="password">
  <select id="plan"><option value="free">Free</option><option value="pro">Pro</option></select>
  <label><input id="remember" type="checkbox"> remember me</label>
  <button id="submit" type="button">Sign in</button>
</form>
<p id="error" hidden>Wrong password</p>
<script>
  document.querySelector('#submit').addEventListener('click', () => {
    if (document.querySelector('#password').value !== 's3cret-pass') {
      document.querySelector('#error').hidden = false;
      return;
    }
    const user = document.querySelector('#user').value;
    const plan = document.querySelector('#plan').value;
    const remember = document.querySelector('#remember').checked;
    location.href = '/orders?user=' + encodeURIComponent(user) + '&plan=' + plan + '&remember=' + remember;
  });
</script>`;

const ORDERS = `<title>Orders</title>
<h1 id="welcome"></h1>
<table id="orders">
  <tr class="order"><td class="id">A-1</td><td class="total">10.50</td><td><a href="/orders/1">open</a></td></tr>
  <tr class="order"><td class="id">A-2</td><td class="total">  7.25 </td><td><a href="/orders/2">open</a></td></tr>
  <tr class="order"><td class="id">A-3</td><td class="total">99.00</td><td><a href="/orders/3">open</a></td></tr>
</table>
<p id="echo"></p>
<script>
  const query = new URLSearchParams(location.search);
  document.querySelector('#welcome').textContent = 'Welcome, ' + query.get('user') + ' (' + query.get('plan') + ', ' + query.get('remember') + ')';
</script>`;

const UPLOAD = `<title>Upload</title>
<input id="file" type="file"><p id="name"></p><p id="content"></p>
<script>
  document.querySelector('#file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    document.querySelector('#name').textContent = file.name + ' ' + file.type;
    document.querySelector('#content').textContent = await file.text();
  });
</script>`;

const LATER = `<title>Later</title>
<button id="go">go</button>
<script>
  document.querySelector('#go').addEventListener('click', () => {
    setTimeout(() => {
      const done = document.createElement('p');
      done.id = 'done';
      done.textContent = 'done';
      document.body.append(done);
      history.pushState({}, '', '/later/finished');
      document.title = 'Finished';
    }, 300);
  });
</script>`;

let browser: Browser;
let site: TestSite;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const executable = requireChromium();
  browser = await chromium.launch({
    executablePath: executable.path,
    args: chromiumArgs(executable.kind),
    headless: true,
  });
  site = await startSite({ '/login': SIGN_IN, '/orders': ORDERS, '/upload': UPLOAD, '/later': LATER });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

interface SavedArtifact {
  id: string;
  name: string;
  contentType: string;
  body: Buffer;
  stepIndex: number | null;
}

/** Runs `flow` on the test's page with artifacts kept in memory. */
async function run(
  flow: FlowInput,
  options: Partial<Pick<FlowRunContext, 'inputs' | 'secrets' | 'signal' | 'loadScript'>> = {},
): Promise<FlowRunResult & { artifacts: SavedArtifact[] }> {
  const artifacts: SavedArtifact[] = [];
  const result = await runFlow(flowSchema.parse(flow), {
    page,
    target: `${site.url}/login`,
    inputs: options.inputs ?? {},
    secrets: options.secrets ?? {},
    loadScript: options.loadScript ?? (async () => null),
    saveArtifact: async (artifact) => {
      const id = `00000000-0000-4000-8000-${String(artifacts.length).padStart(12, '0')}`;
      artifacts.push({ id, ...artifact });
      return id;
    },
    signal: options.signal ?? new AbortController().signal,
  });
  return { ...result, artifacts };
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const statuses = (steps: FlowStepResult[]) => steps.map((step) => step.status);

const signIn: FlowInput['steps'] = [
  { type: 'goto', url: '{{target}}' },
  { type: 'fill', selector: '#user', value: '{{user}}' },
  { type: 'fill', selector: '#password', value: '{{secrets.PASSWORD}}' },
  { type: 'select', selector: '#plan', values: ['Pro'] },
  { type: 'check', selector: '#remember' },
  { type: 'click', selector: '#submit' },
  { type: 'wait', url: '**/orders?*' },
];
const signInOptions = { inputs: { user: 'ada' }, secrets: { PASSWORD: 's3cret-pass' } };

describe('runFlow', () => {
  it('signs in, reads a table into named fields and asserts a value', async () => {
    const result = await run(
      {
        steps: [
          ...signIn,
          { type: 'assert', assert: 'title', expected: 'Orders', match: 'equals' },
          {
            type: 'assert',
            assert: 'text',
            selector: '#welcome',
            expected: 'Welcome, ada (pro, true)',
            match: 'equals',
          },
          {
            type: 'extract',
            as: 'orders',
            selector: 'tr.order',
            list: true,
            fields: {
              id: { selector: '.id' },
              total: { selector: '.total' },
              link: { selector: 'a', attribute: 'href' },
            },
          },
          { type: 'extract', as: 'firstId', selector: 'tr.order .id' },
          { type: 'assert', assert: 'count', selector: 'tr.order', equals: 3 },
          {
            type: 'assert',
            assert: 'text',
            selector: 'tr.order:has(.id:text-is("{{firstId}}")) .total',
            expected: '10.50',
            match: 'equals',
          },
          { type: 'hover', selector: 'a[href="/orders/2"]' },
        ],
      },
      signInOptions,
    );
    expect(result.error).toBeNull();
    expect(result.status).toBe('passed');
    expect(result.data).toEqual({
      orders: [
        { id: 'A-1', total: '10.50', link: '/orders/1' },
        { id: 'A-2', total: '7.25', link: '/orders/2' },
        { id: 'A-3', total: '99.00', link: '/orders/3' },
      ],
      firstId: 'A-1',
    });
    expect(result.steps.every((step) => step.status === 'passed' && step.error === null)).toBe(true);
    expect(result.steps[9]).toMatchObject({
      index: 9,
      type: 'extract',
      name: 'extract',
      value: result.data.orders,
    });
    // No picture unless one is asked for or a step fails.
    expect(result.artifacts).toEqual([]);
  });

  it('fails on a wrong assertion with a screenshot of the page and skips the steps after it', async () => {
    const result = await run(
      {
        steps: [
          ...signIn,
          {
            type: 'assert',
            assert: 'text',
            selector: '#welcome',
            expected: 'Welcome, grace',
            timeoutMs: 500,
          },
          { type: 'extract', as: 'orders', selector: 'tr.order', list: true },
          { type: 'click', selector: '#nothing' },
        ],
      },
      signInOptions,
    );
    expect(result.status).toBe('failed');
    expect(statuses(result.steps)).toEqual([...signIn.map(() => 'passed'), 'failed', 'skipped', 'skipped']);
    const failed = result.steps[7];
    expect(failed?.error).toEqual({
      code: 'ASSERTION_FAILED',
      message: 'Expected the text of #welcome to contain "Welcome, grace", got "Welcome, ada (pro, true)".',
    });
    expect(result.error).toEqual(failed?.error);
    expect(result.artifacts).toHaveLength(1);
    expect(result.artifacts[0]).toMatchObject({
      id: failed?.artifactId,
      name: 'failure-7',
      contentType: 'image/png',
      stepIndex: 7,
    });
    expect(result.artifacts[0]?.body.subarray(0, 4)).toEqual(PNG_MAGIC);
    expect(result.data).toEqual({});
  });

  it('goes on after a failed step that says continueOnFailure, and still ends failed', async () => {
    const result = await run({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'click', selector: '#absent', timeoutMs: 200, continueOnFailure: true },
        { type: 'extract', as: 'title', selector: 'title' },
      ],
    });
    expect(statuses(result.steps)).toEqual(['passed', 'failed', 'passed']);
    expect(result.steps[1]?.error?.code).toBe('TIMEOUT');
    expect(result.status).toBe('failed');
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.data).toEqual({ title: 'Sign in' });
  });

  it('replaces variables from extracts before inputs, and fails a step that names an unknown one', async () => {
    const result = await run(
      {
        steps: [
          { type: 'goto', url: '{{ target }}' },
          { type: 'extract', as: 'user', selector: 'title' },
          { type: 'fill', selector: '#user', value: '{{user}}-{{suffix}}' },
          { type: 'extract', as: 'typed', selector: '#user', attribute: 'value' },
          { type: 'evaluate', source: 'return document.querySelector("#user").value', as: 'read' },
          { type: 'fill', selector: '#user', value: '{{missing}}' },
          { type: 'fill', selector: '#user', value: 'never' },
        ],
      },
      { inputs: { user: 'from-input', suffix: 7 } },
    );
    expect(result.data).toEqual({ user: 'Sign in', typed: null, read: 'Sign in-7' });
    expect(statuses(result.steps)).toEqual([
      'passed',
      'passed',
      'passed',
      'passed',
      'passed',
      'failed',
      'skipped',
    ]);
    expect(result.error).toEqual({
      code: 'VARIABLE_NOT_FOUND',
      message: 'No extract, input or variable named missing.',
    });
    expect(await page.inputValue('#user')).toBe('Sign in-7');
  });

  it('never lets a secret value out: step values, data and error messages show *** instead', async () => {
    const secrets = { PASSWORD: 's3cret-pass', TOKEN: 'tok-123' };
    const result = await run(
      {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'fill', selector: '#user', value: 'ada {{secrets.TOKEN}}' },
          { type: 'extract', as: 'typed', selector: 'input', list: true, attribute: 'id' },
          {
            type: 'evaluate',
            source: 'return { echoed: document.querySelector("#user").value }',
            as: 'echo',
          },
          {
            type: 'assert',
            assert: 'text',
            selector: 'title',
            expected: '{{secrets.PASSWORD}}',
            timeoutMs: 200,
          },
        ],
      },
      { secrets },
    );
    expect(result.data.echo).toEqual({ echoed: 'ada ***' });
    expect(result.steps[3]?.value).toEqual({ echoed: 'ada ***' });
    expect(result.error).toEqual({
      code: 'ASSERTION_FAILED',
      message: 'Expected the text of title to contain "***", got "Sign in".',
    });
    const everything = JSON.stringify({
      ...result,
      artifacts: result.artifacts.map((artifact) => artifact.name),
    });
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
    // The page itself got the real value.
    expect(await page.inputValue('#user')).toBe('ada tok-123');
  });

  it('fails a step that names a secret the organization does not have', async () => {
    const result = await run({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'fill', selector: '#user', value: '{{secrets.NOPE}}' },
      ],
    });
    expect(result.error).toEqual({ code: 'VARIABLE_NOT_FOUND', message: 'No secret named NOPE.' });
  });

  it("uploads a job input's file bytes", async () => {
    const inputs: JobInputs = {
      report: {
        file: {
          name: 'report.csv',
          contentType: 'text/csv',
          base64: Buffer.from('a,b\n1,2').toString('base64'),
        },
      },
    };
    const result = await run(
      {
        steps: [
          { type: 'goto', url: `${site.url}/upload` },
          { type: 'upload', selector: '#file', input: 'report' },
          { type: 'wait', selector: '#content:not(:empty)', state: 'attached' },
          { type: 'extract', as: 'name', selector: '#name' },
          { type: 'extract', as: 'content', selector: '#content' },
          { type: 'upload', selector: '#file', input: 'absent' },
        ],
      },
      { inputs },
    );
    expect(result.data).toEqual({ name: 'report.csv text/csv', content: 'a,b 1,2' });
    expect(result.error).toEqual({ code: 'INPUT_NOT_FOUND', message: 'No file input named absent.' });
  });

  it('waits for a selector, a URL by glob and by regex, and a time', async () => {
    const result = await run({
      steps: [
        { type: 'goto', url: `${site.url}/later` },
        { type: 'wait', selector: '#done', state: 'detached' },
        { type: 'click', selector: '#go' },
        { type: 'wait', selector: '#done' },
        { type: 'wait', url: '**/later/finished' },
        { type: 'wait', url: 'regex:/later/fin[a-z]+$' },
        { type: 'wait', ms: 50 },
        { type: 'assert', assert: 'url', expected: '/later/finished' },
        { type: 'assert', assert: 'title', expected: 'Finished', match: 'equals' },
        { type: 'assert', assert: 'visible', selector: '#done' },
        { type: 'assert', assert: 'visible', selector: '#gone', visible: false },
        { type: 'wait', url: 'regex:/never$', timeoutMs: 300 },
      ],
    });
    expect(statuses(result.steps)).toEqual([...Array(11).fill('passed'), 'failed']);
    expect(result.error?.code).toBe('TIMEOUT');
  });

  it('aborts the current step when the signal fires and skips the rest', async () => {
    const controller = new AbortController();
    let aborted = 0;
    const result = await run(
      {
        steps: [
          { type: 'goto', url: '{{target}}' },
          // A page script that never settles, within a budget of a minute.
          { type: 'evaluate', scriptId: '11111111-1111-4111-8111-111111111111', timeoutMs: 60_000 },
          { type: 'click', selector: '#submit' },
        ],
      },
      {
        signal: controller.signal,
        // Called as the evaluate step begins: the cancel comes while it runs.
        loadScript: async () => {
          setTimeout(() => {
            aborted = Date.now();
            controller.abort(new Error('the execution was cancelled'));
          }, 200);
          return { source: 'return new Promise(() => {})', version: 1 };
        },
      },
    );
    // Bounded: far less than the step's own minute.
    expect(Date.now() - aborted).toBeLessThan(15_000);
    expect(statuses(result.steps)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[1]?.error).toEqual({
      code: 'ABORTED',
      message: 'The run was aborted: the execution was cancelled',
    });
    expect(result.steps[1]?.artifactId).toBeNull();
    expect(result.error?.code).toBe('ABORTED');
    expect(result.artifacts).toEqual([]);
  });

  it('skips every step of a run aborted before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(
      {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'pause', ms: 1 },
        ],
      },
      { signal: controller.signal },
    );
    expect(statuses(result.steps)).toEqual(['skipped', 'skipped']);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'ABORTED' } });
    expect(page.url()).toBe('about:blank');
  });

  it('evaluates a saved script version in the page with the inputs and target, and names a missing one', async () => {
    const scriptId = '11111111-1111-4111-8111-111111111111';
    const loads: unknown[] = [];
    const result = await run(
      {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'evaluate', scriptId, version: 2, as: 'page' },
          { type: 'evaluate', scriptId: '22222222-2222-4222-8222-222222222222' },
        ],
      },
      {
        inputs: { greeting: 'hi' },
        loadScript: async (ref) => {
          loads.push(ref);
          return ref.scriptId === scriptId
            ? {
                source: 'return { title: document.title, greeting: input.greeting, target: input.target }',
                version: 2,
              }
            : null;
        },
      },
    );
    expect(loads[0]).toEqual({ scriptId, version: 2 });
    expect(result.data.page).toEqual({ title: 'Sign in', greeting: 'hi', target: `${site.url}/login` });
    expect(result.error).toEqual({
      code: 'SCRIPT_NOT_FOUND',
      message: 'No script 22222222-2222-4222-8222-222222222222.',
    });
  });

  it('fails an evaluate whose page script throws, and a goto to a URL that is not http(s)', async () => {
    const thrown = await run({
      steps: [
        { type: 'goto', url: '{{target}}' },
        { type: 'evaluate', source: 'throw new Error("boom")' },
      ],
    });
    expect(thrown.error?.code).toBe('EVALUATE_FAILED');
    expect(thrown.error?.message).toContain('boom');
    const file = await run({ steps: [{ type: 'goto', url: 'file:///etc/passwd' }] });
    expect(file.error).toEqual({
      code: 'TARGET_NOT_ALLOWED',
      message: 'file:///etc/passwd is not an http(s) URL.',
    });
  });

  it('saves screenshots of the page and of an element, and sets the viewport', async () => {
    const result = await run({
      steps: [
        { type: 'setViewport', width: 400, height: 300 },
        { type: 'goto', url: '{{target}}' },
        { type: 'screenshot', as: 'login' },
        { type: 'screenshot', selector: '#login', fullPage: false },
        { type: 'press', selector: '#user', key: 'a' },
        { type: 'press', key: 'b' },
        { type: 'pause', ms: 10 },
        // As long as it says, though longer than its timeout.
        { type: 'pause', ms: 1200, timeoutMs: 100 },
      ],
    });
    expect(result.status).toBe('passed');
    expect(page.viewportSize()).toEqual({ width: 400, height: 300 });
    expect(await page.inputValue('#user')).toBe('ab');
    expect(result.artifacts.map(({ name, stepIndex }) => ({ name, stepIndex }))).toEqual([
      { name: 'login', stepIndex: 2 },
      { name: 'screenshot-3', stepIndex: 3 },
    ]);
    expect(result.steps[2]?.artifactId).toBe(result.artifacts[0]?.id);
    for (const artifact of result.artifacts) expect(artifact.body.subarray(0, 4)).toEqual(PNG_MAGIC);
  });
});
