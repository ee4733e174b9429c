import type { ScreenshotFormat, StorageState } from '@fleetwright/contracts';
import { isEgressFailure } from '@fleetwright/net-guard';
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { isPlaywrightTimeout, shortMessage, WorkerError } from '../errors.ts';

/**
 * `waitUntil` for the start page and for navigate. 'domcontentloaded' rather than 'load': an
 * session is a long-lived session, and RUNNING means "the document is there and its scripts ran".
 * A hanging third-party image or analytics beacon must not hold the start for NAVIGATION_TIMEOUT_MS
 * and then fail it; and the start → RUNNING latency stays at or below raw Playwright's goto.
 */
export const WAIT_UNTIL = 'domcontentloaded' as const;

/** Function source (`() => …`, `async () => …`, `function () {…}`, `x => …`) rather than an expression. */
const FUNCTION_SOURCE = /^\s*(async\s*)?(function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)/;

function timeoutAfter(ms: number, message: string): { promise: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WorkerError('COMMAND_TIMEOUT', message)), ms);
  });
  promise.catch(() => {});
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * The context's cookies, localStorage and IndexedDB (issue 12, profiles). Playwright reads each
 * origin's storage by loading it in a hidden page: bounded by the command timeout like the rest.
 */
export async function readStorageState(context: BrowserContext, timeoutMs: number): Promise<StorageState> {
  const timeout = timeoutAfter(timeoutMs, `The storage could not be read within ${timeoutMs} ms.`);
  try {
    return await Promise.race([context.storageState({ indexedDB: true }), timeout.promise]);
  } finally {
    timeout.cancel();
  }
}

/** What the page reports about a result's JSON, measured where the result lives. */
type MeasuredResult = { json: string | undefined } | { tooLong: number } | { unserializable: string };

/**
 * Runs in the page: evaluates `source` and returns its result's JSON, unless that is longer than
 * `maxBytes` UTF-16 code units (each is at least one UTF-8 byte, so that is more than `maxBytes`
 * bytes too). Only the verdict, or JSON within the limit, crosses CDP: a 50 MB value never leaves
 * the page. An indirect eval (through globalThis) runs the source as a program in the global scope, as Playwright runs
 * an expression string (its utility script evaluates those the same way, so the page's CSP does
 * not apply either); a promise is awaited.
 */
async function evaluateAndMeasure([source, maxBytes]: [string, number]): Promise<MeasuredResult> {
  // biome-ignore lint/security/noGlobalEval: running the user's expression in their page is the command.
  const value: unknown = await globalThis.eval(source);
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return { unserializable: error instanceof Error ? error.message : String(error) };
  }
  return json !== undefined && json.length > maxBytes ? { tooLong: json.length } : { json };
}

export interface EvaluateOptions {
  /** COMMAND_TIMEOUT_MS: after this the evaluation is terminated. */
  timeoutMs: number;
  /** EVALUATE_RESULT_MAX_BYTES: a result whose JSON is larger fails with EVALUATE_RESULT_TOO_LARGE. */
  maxResultBytes: number;
  /** Stops a run that hangs the page's main thread (Runtime.terminateExecution). */
  terminate(): Promise<void>;
}

function tooLarge(bytes: number, maxBytes: number, atLeast: boolean): WorkerError {
  return new WorkerError(
    'EVALUATE_RESULT_TOO_LARGE',
    `The result is ${atLeast ? 'at least ' : ''}${bytes} bytes of JSON; at most ${maxBytes} (EVALUATE_RESULT_MAX_BYTES) are returned.`,
  );
}

/** JSON the page gave back: checked again here, since the page's own JSON.stringify may be replaced. */
function parseMeasured(measured: MeasuredResult, maxBytes: number): unknown {
  if ('unserializable' in measured) {
    throw new WorkerError(
      'EVALUATE_FAILED',
      `The result is not JSON-serializable: ${measured.unserializable}`,
    );
  }
  if ('tooLong' in measured) throw tooLarge(measured.tooLong, maxBytes, true);
  if (typeof measured.json !== 'string') return undefined;
  const bytes = Buffer.byteLength(measured.json);
  if (bytes > maxBytes) throw tooLarge(bytes, maxBytes, false);
  try {
    return JSON.parse(measured.json) as unknown;
  } catch (error) {
    throw new WorkerError('EVALUATE_FAILED', `The result is not JSON-serializable: ${shortMessage(error)}`);
  }
}

/**
 * Evaluates an expression, or calls a function given as source, in the page's main world (through
 * CDP, so the page's CSP does not apply). The result must survive JSON: BigInt and circular
 * structures fail with EVALUATE_FAILED; functions, symbols and `undefined` come back as undefined;
 * JSON larger than `maxResultBytes` fails with EVALUATE_RESULT_TOO_LARGE, measured in the page
 * before anything is copied out of it. After `timeoutMs` the evaluation is terminated (a busy loop
 * would otherwise hang the page).
 */
export async function evaluateInPage(
  page: Page,
  expression: string,
  options: EvaluateOptions,
): Promise<unknown> {
  const source = FUNCTION_SOURCE.test(expression) ? `(${expression})()` : expression;
  const timeout = timeoutAfter(
    options.timeoutMs,
    `The expression did not finish within ${options.timeoutMs} ms.`,
  );
  let measured: MeasuredResult;
  try {
    measured = await Promise.race([
      page.evaluate(evaluateAndMeasure, [source, options.maxResultBytes] as [string, number]),
      timeout.promise,
    ]);
  } catch (error) {
    if (error instanceof WorkerError) {
      await options.terminate().catch(() => {});
      throw error;
    }
    throw new WorkerError('EVALUATE_FAILED', shortMessage(error), { cause: error });
  } finally {
    timeout.cancel();
  }
  return parseMeasured(measured, options.maxResultBytes);
}

/**
 * Why a load through the session's egress guard failed, when `response` is the guard's own answer
 * (a refused or failed connection; see isEgressFailure); null for the site's own responses.
 */
export async function egressFailureOf(response: Response | null): Promise<string | null> {
  if (!response) return null;
  const status = response.status();
  if (!isEgressFailure({ status, server: response.headers().server })) return null;
  const body = (await response.text().catch(() => '')).trim();
  return `${body || 'the connection failed'} (HTTP ${status} from the egress guard)`;
}

/** `egress`: the page's traffic goes through the egress guard, whose failures count as failed loads. */
export async function navigatePage(
  page: Page,
  url: string,
  timeoutMs: number,
  options: { egress: boolean },
): Promise<string> {
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: WAIT_UNTIL, timeout: timeoutMs });
  } catch (error) {
    if (isPlaywrightTimeout(error)) {
      throw new WorkerError('COMMAND_TIMEOUT', `${url} did not load within ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    throw new WorkerError('NAVIGATION_FAILED', shortMessage(error), { cause: error });
  }
  const failure = options.egress ? await egressFailureOf(response) : null;
  if (failure) throw new WorkerError('NAVIGATION_FAILED', `${url} could not be loaded: ${failure}`);
  return page.url();
}

export interface ScreenshotOptions {
  /** JPEG quality 1–100 (ignored for PNG). */
  quality: number;
  fullPage: boolean;
  /** @default 'jpeg' */
  format?: ScreenshotFormat;
}

/** Chromium's answer when a capture races a navigation commit or a compositor frame swap. */
const TRANSIENT_CAPTURE_FAILURE = 'Unable to capture screenshot';
const CAPTURE_RETRY_DELAY_MS = 100;

/**
 * JPEG screenshot. Playwright's page.screenshot measured the same as a raw CDP
 * Page.captureScreenshot here (33 ms at 1280×720, q80), so the simpler call stays.
 *
 * Chromium now and then refuses one capture ("Unable to capture screenshot"), typically right
 * after a navigation commits (an error page, a redirect), and takes the same picture when asked
 * again. That refusal is retried until `timeoutMs` is spent: the caller's budget, never a second one.
 */
export async function screenshotPage(
  page: Page,
  options: ScreenshotOptions,
  timeoutMs: number,
): Promise<Buffer> {
  const format = options.format ?? 'jpeg';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      return await page.screenshot({
        type: format,
        // Playwright refuses a quality for PNG.
        quality: format === 'jpeg' ? options.quality : undefined,
        fullPage: options.fullPage,
        timeout: Math.max(1, remaining),
      });
    } catch (error) {
      if (isPlaywrightTimeout(error)) {
        throw new WorkerError('COMMAND_TIMEOUT', `The screenshot did not finish within ${timeoutMs} ms.`, {
          cause: error,
        });
      }
      // A closed page is the caller's to explain (the session stopped or crashed).
      if (page.isClosed()) throw error;
      const message = shortMessage(error);
      if (!message.includes(TRANSIENT_CAPTURE_FAILURE) || remaining <= 2 * CAPTURE_RETRY_DELAY_MS) {
        throw new WorkerError('SCREENSHOT_FAILED', message, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, CAPTURE_RETRY_DELAY_MS));
    }
  }
}

/**
 * The page's accessibility tree in Playwright's AI mode: each element carries a `[ref=eN]` that
 * `aria-ref=eN` locators resolve until the next snapshot (issue 12, the MCP server's snapshot tool).
 */
export async function snapshotPage(
  page: Page,
  timeoutMs: number,
): Promise<{ url: string; snapshot: string }> {
  try {
    const snapshot = await page.ariaSnapshot({ mode: 'ai', timeout: timeoutMs });
    return { url: page.url(), snapshot };
  } catch (error) {
    if (isPlaywrightTimeout(error)) {
      throw new WorkerError('COMMAND_TIMEOUT', `The snapshot did not finish within ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Runs `act` on the element a snapshot's ref names. A ref that matches nothing would have Playwright
 * wait the whole timeout for it to appear; it is refused at once instead, asking for a new snapshot.
 */
async function actOnRef(
  page: Page,
  ref: string,
  timeoutMs: number,
  act: (locator: Locator) => Promise<void>,
): Promise<{ url: string }> {
  const locator = page.locator(`aria-ref=${ref}`);
  try {
    if ((await locator.count()) === 0) {
      throw new WorkerError(
        'ELEMENT_ACTION_FAILED',
        `No element has ref ${ref} in the page now; take a new snapshot and use its refs.`,
      );
    }
    await act(locator);
  } catch (error) {
    if (error instanceof WorkerError) throw error;
    if (isPlaywrightTimeout(error)) {
      throw new WorkerError(
        'COMMAND_TIMEOUT',
        `The element ${ref} did not become actionable within ${timeoutMs} ms.`,
        {
          cause: error,
        },
      );
    }
    // A closed page is the caller's to explain (the session stopped or crashed).
    if (page.isClosed()) throw error;
    throw new WorkerError('ELEMENT_ACTION_FAILED', shortMessage(error), { cause: error });
  }
  return { url: page.url() };
}

export function clickRef(page: Page, ref: string, timeoutMs: number): Promise<{ url: string }> {
  return actOnRef(page, ref, timeoutMs, (locator) => locator.click({ timeout: timeoutMs }));
}

/** Fills the field (replacing its value) and, with `submit`, presses Enter in it. */
export function typeIntoRef(
  page: Page,
  input: { ref: string; text: string; submit: boolean },
  timeoutMs: number,
): Promise<{ url: string }> {
  return actOnRef(page, input.ref, timeoutMs, async (locator) => {
    await locator.fill(input.text, { timeout: timeoutMs });
    if (input.submit) await locator.press('Enter', { timeout: timeoutMs });
  });
}
