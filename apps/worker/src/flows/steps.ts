import type { FlowStep, ScriptLibrary } from '@fleetwright/contracts';
import type { Page } from 'playwright-core';
import { isPlaywrightTimeout, shortMessage } from '../errors.ts';
import { evaluateScript } from '../scripts/evaluate-script.ts';
import { egressFailureOf } from '../sessions/page-commands.ts';
import { FlowStepFailure } from './step-failure.ts';
import type { FlowRunContext } from './types.ts';
import type { FlowVariables } from './variables.ts';

/** What a step needs besides itself: the run's context and variables, its own time budget. */
export interface StepRun {
  context: FlowRunContext;
  variables: FlowVariables;
  index: number;
  timeoutMs: number;
  maxResultBytes: number;
  /** Runtime.terminateExecution on the page, for an evaluate that outlives its budget. */
  terminate(): Promise<void>;
}

/** What a step answers: its value (extracts, evaluate results) and the artifact it saved. */
export interface StepOutcome {
  value?: unknown;
  artifactId?: string;
  /** A first goto that kept the session's start load (see reusesStartLoad). */
  reusedStartLoad?: true;
}

/** How often a failing assertion is read again until its budget is spent. */
const ASSERT_POLL_MS = 100;

/**
 * Runs one step: exactly the Playwright call a hand-written script would make (page.click,
 * page.fill, …, with the step's timeout), so a flow costs what the same steps in raw Playwright
 * cost. Page-level methods are not strict: several matches act on the first, as a user expects.
 */
export async function runStep(step: FlowStep, run: StepRun): Promise<StepOutcome> {
  const { page } = run.context;
  const text = (value: string) => run.variables.resolve(value);
  const timeout = run.timeoutMs;
  switch (step.type) {
    case 'goto': {
      const url = text(step.url);
      if (reusesStartLoad(run, url)) {
        await keepStartLoad(page, step.waitUntil, timeout);
        return { reusedStartLoad: true };
      }
      await goto(page, url, step.waitUntil, timeout);
      return {};
    }
    case 'click':
      await page.click(text(step.selector), { button: step.button, clickCount: step.clickCount, timeout });
      return {};
    case 'fill':
      await page.fill(text(step.selector), text(step.value), { timeout });
      return {};
    case 'press':
      if (step.selector === undefined) await page.keyboard.press(text(step.key));
      else await page.press(text(step.selector), text(step.key), { timeout });
      return {};
    case 'select':
      await page.selectOption(text(step.selector), step.values.map(text), { timeout });
      return {};
    case 'check':
      await page.setChecked(text(step.selector), step.checked, { timeout });
      return {};
    case 'hover':
      await page.hover(text(step.selector), { timeout });
      return {};
    case 'upload':
      await page.setInputFiles(text(step.selector), fileInput(run, step.input), { timeout });
      return {};
    case 'wait':
      await wait(page, step, run);
      return {};
    case 'extract':
      return { value: await extract(page, step, run) };
    case 'screenshot':
      return { artifactId: await screenshot(page, step, run) };
    case 'assert':
      await assert(page, step, run);
      return {};
    case 'evaluate':
      return { value: await evaluate(page, step, run) };
    case 'setViewport':
      await page.setViewportSize({ width: step.width, height: step.height });
      return {};
    case 'pause':
      await sleep(step.ms, run.context.signal);
      return {};
  }
}

/**
 * Whether a goto to `url` is the load the session's start just did: the flow's first step, the same
 * URL once its variables are replaced (`{{target}}` or the literal), and the page still there (not
 * redirected, not navigated since). Loading it again would cost a second request and render
 * (~50 ms a run) for the same document.
 */
function reusesStartLoad(run: StepRun, url: string): boolean {
  const { startUrl, page } = run.context;
  if (run.index !== 0 || startUrl === undefined) return false;
  const href = hrefOf(url);
  return href !== null && href === hrefOf(startUrl) && page.url() === href;
}

function hrefOf(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

/**
 * The start waited for 'domcontentloaded', which also satisfies 'commit'. A goto that asks for
 * 'load' or 'networkidle' waits for that state of the same document, as its own load would have.
 */
async function keepStartLoad(
  page: Page,
  waitUntil: 'load' | 'domcontentloaded' | 'networkidle' | 'commit',
  timeout: number,
): Promise<void> {
  if (waitUntil === 'load' || waitUntil === 'networkidle')
    await page.waitForLoadState(waitUntil, { timeout });
}

async function goto(
  page: Page,
  url: string,
  waitUntil: 'load' | 'domcontentloaded' | 'networkidle' | 'commit',
  timeout: number,
): Promise<void> {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {}
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new FlowStepFailure('TARGET_NOT_ALLOWED', `${url} is not an http(s) URL.`);
  }
  let response: Awaited<ReturnType<Page['goto']>>;
  try {
    response = await page.goto(parsed.href, { waitUntil, timeout });
  } catch (error) {
    if (isPlaywrightTimeout(error)) throw error;
    throw new FlowStepFailure('NAVIGATION_FAILED', shortMessage(error), { cause: error });
  }
  // The session's egress guard answers refused targets itself: that is a failed load, not the site.
  const failure = await egressFailureOf(response);
  if (failure) throw new FlowStepFailure('NAVIGATION_FAILED', `${url} could not be loaded: ${failure}`);
}

function fileInput(run: StepRun, name: string): { name: string; mimeType: string; buffer: Buffer } {
  const input = Object.hasOwn(run.context.inputs, name) ? run.context.inputs[name] : undefined;
  if (typeof input !== 'object' || input === null) {
    throw new FlowStepFailure('INPUT_NOT_FOUND', `No file input named ${name}.`);
  }
  return {
    name: input.file.name,
    mimeType: input.file.contentType,
    buffer: Buffer.from(input.file.base64, 'base64'),
  };
}

type WaitStep = Extract<FlowStep, { type: 'wait' }>;

async function wait(page: Page, step: WaitStep, run: StepRun): Promise<void> {
  if (step.ms !== undefined) return sleep(step.ms, run.context.signal);
  if (step.selector !== undefined) {
    await page
      .locator(run.variables.resolve(step.selector))
      .first()
      .waitFor({ state: step.state, timeout: run.timeoutMs });
    return;
  }
  await page.waitForURL(urlPattern(run.variables.resolve(step.url ?? '')), { timeout: run.timeoutMs });
}

/** A URL pattern: a glob (`**\/done`), or a regular expression after `regex:`. */
function urlPattern(pattern: string): string | RegExp {
  return pattern.startsWith('regex:') ? regexOf(pattern.slice('regex:'.length)) : pattern;
}

function regexOf(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new FlowStepFailure('STEP_FAILED', `Not a regular expression: ${shortMessage(error)}`);
  }
}

type ExtractStep = Extract<FlowStep, { type: 'extract' }>;
/** What the page reads from each match: fields as [name, CSS selector or null, attribute or null]. */
interface ExtractSpec {
  fields: Array<[string, string | null, string | null]> | null;
  attribute: string | null;
}

/**
 * Runs in the page: the text (whitespace collapsed) or attribute of each match, or per match an
 * object of its fields. A field's selector is CSS, looked up inside the match. One function with no
 * inner helpers: Playwright sends its source to the page, where nothing else of this file exists.
 */
function readMatches(matches: Element | Element[], spec: ExtractSpec): unknown {
  const items: unknown[] = [];
  for (const match of Array.isArray(matches) ? matches : [matches]) {
    const reads: Array<[string, Element | null, string | null]> = spec.fields
      ? spec.fields.map(([name, selector, attribute]) => [
          name,
          selector ? match.querySelector(selector) : match,
          attribute,
        ])
      : [['', match, spec.attribute]];
    const values = reads.map(([name, element, attribute]) => [
      name,
      element === null
        ? null
        : attribute
          ? element.getAttribute(attribute)
          : (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ]);
    items.push(spec.fields ? Object.fromEntries(values) : values[0]?.[1]);
  }
  return Array.isArray(matches) ? items : items[0];
}

async function extract(page: Page, step: ExtractStep, run: StepRun): Promise<unknown> {
  const spec: ExtractSpec = {
    fields: step.fields
      ? Object.entries(step.fields).map(([name, field]) => [
          name,
          field.selector === undefined ? null : run.variables.resolve(field.selector),
          field.attribute ?? null,
        ])
      : null,
    attribute: step.attribute ?? null,
  };
  const locator = page.locator(run.variables.resolve(step.selector));
  // A list is whatever matches now (possibly none: wait first for content that loads later); one
  // value waits for its element, as a click would.
  return step.list
    ? locator.evaluateAll(readMatches, spec)
    : locator.first().evaluate(readMatches, spec, { timeout: run.timeoutMs });
}

type ScreenshotStep = Extract<FlowStep, { type: 'screenshot' }>;

async function screenshot(page: Page, step: ScreenshotStep, run: StepRun): Promise<string> {
  const options = { type: 'png' as const, timeout: run.timeoutMs };
  const body =
    step.selector === undefined
      ? await page.screenshot({ ...options, fullPage: step.fullPage })
      : await page.locator(run.variables.resolve(step.selector)).first().screenshot(options);
  return run.context.saveArtifact({
    kind: 'screenshot',
    name: step.as ?? `screenshot-${run.index}`,
    contentType: 'image/png',
    body,
    stepIndex: run.index,
  });
}

type AssertStep = Extract<FlowStep, { type: 'assert' }>;

/** Whitespace collapsed and trimmed, as Playwright's own text assertions compare. */
function normalizeText(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function matches(actual: string, expected: string, match: 'equals' | 'contains' | 'regex'): boolean {
  if (match === 'equals') return actual === expected;
  if (match === 'contains') return actual.includes(expected);
  return regexOf(expected).test(actual);
}

const matchWords = { equals: 'to equal', contains: 'to contain', regex: 'to match' } as const;

/**
 * Reads until the assertion holds or the step's budget is spent, as Playwright's `expect` does: a
 * page that updates a moment after the previous step is not a failure. A passing assertion costs
 * one read.
 */
async function assert(page: Page, step: AssertStep, run: StepRun): Promise<void> {
  const deadline = Date.now() + run.timeoutMs;
  const resolve = (value: string) => run.variables.resolve(value);
  switch (step.assert) {
    case 'visible': {
      const state = step.visible ? 'visible' : 'hidden';
      try {
        await page.locator(resolve(step.selector)).first().waitFor({ state, timeout: run.timeoutMs });
      } catch (error) {
        if (!isPlaywrightTimeout(error)) throw error;
        throw new FlowStepFailure('ASSERTION_FAILED', `Expected ${step.selector} to be ${state}.`);
      }
      return;
    }
    case 'text': {
      const selector = resolve(step.selector);
      const expected = resolve(step.expected);
      // The first read waits for the element (a missing one is a TIMEOUT, not a wrong text).
      const read = async () =>
        normalizeText(await page.textContent(selector, { timeout: Math.max(1, deadline - Date.now()) }));
      return poll(
        read,
        (actual) => matches(actual, expected, step.match),
        deadline,
        run,
        (actual) =>
          `Expected the text of ${step.selector} ${matchWords[step.match]} "${expected}", got "${actual}".`,
      );
    }
    case 'url': {
      const expected = resolve(step.expected);
      return poll(
        async () => page.url(),
        (actual) => matches(actual, expected, step.match),
        deadline,
        run,
        (actual) => `Expected the URL ${matchWords[step.match]} "${expected}", got "${actual}".`,
      );
    }
    case 'title': {
      const expected = resolve(step.expected);
      return poll(
        () => page.title(),
        (actual) => matches(actual, expected, step.match),
        deadline,
        run,
        (actual) => `Expected the title ${matchWords[step.match]} "${expected}", got "${actual}".`,
      );
    }
    case 'count': {
      const locator = page.locator(resolve(step.selector));
      const holds = (count: number) =>
        (step.equals === undefined || count === step.equals) &&
        (step.min === undefined || count >= step.min) &&
        (step.max === undefined || count <= step.max);
      const wanted = step.equals !== undefined ? `${step.equals}` : `${step.min ?? 0}..${step.max ?? '∞'}`;
      return poll(
        () => locator.count(),
        holds,
        deadline,
        run,
        (count) => `Expected ${wanted} matches of ${step.selector}, got ${count}.`,
      );
    }
  }
}

async function poll<T>(
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  deadline: number,
  run: StepRun,
  describe: (value: T) => string,
): Promise<void> {
  let last: { value: T } | null = null;
  for (;;) {
    let value: T;
    try {
      value = await read();
    } catch (error) {
      // A read cut short by the deadline: the last value read is the answer.
      if (last && isPlaywrightTimeout(error))
        throw new FlowStepFailure('ASSERTION_FAILED', describe(last.value));
      throw error;
    }
    if (holds(value)) return;
    last = { value };
    if (Date.now() + ASSERT_POLL_MS > deadline)
      throw new FlowStepFailure('ASSERTION_FAILED', describe(value));
    await sleep(ASSERT_POLL_MS, run.context.signal);
  }
}

type EvaluateStep = Extract<FlowStep, { type: 'evaluate' }>;

async function evaluate(page: Page, step: EvaluateStep, run: StepRun): Promise<unknown> {
  let source = step.source;
  let libraries: readonly ScriptLibrary[] | undefined;
  if (step.scriptId !== undefined) {
    const script = await run.context.loadScript({ scriptId: step.scriptId, version: step.version });
    if (!script) {
      const version = step.version === undefined ? '' : ` version ${step.version}`;
      throw new FlowStepFailure('SCRIPT_NOT_FOUND', `No script ${step.scriptId}${version}.`);
    }
    source = script.source;
    libraries = script.libraries;
  }
  // The script gets the job's inputs and the target (never the secrets: they would be in the page).
  const input = { ...run.context.inputs, target: run.context.target };
  return evaluateScript(page, source ?? '', input, {
    libraries,
    timeoutMs: run.timeoutMs,
    maxResultBytes: run.maxResultBytes,
    terminate: run.terminate,
  });
}

/** Waits `ms`, or less when `signal` aborts (the step's race reports the abort). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
