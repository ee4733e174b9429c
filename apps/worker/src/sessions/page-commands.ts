import { isEgressFailure } from '@fleetwright/net-guard';
import type { Page, Response } from 'playwright-core';
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
 * Evaluates an expression, or calls a function given as source, in the page's main world (through
 * CDP, so the page's CSP does not apply). The result must survive JSON: BigInt and circular
 * structures fail with EVALUATE_FAILED; functions, symbols and `undefined` come back as undefined.
 * After `timeoutMs` the evaluation is terminated (a busy loop would otherwise hang the page).
 */
export async function evaluateInPage(
  page: Page,
  expression: string,
  timeoutMs: number,
  terminate: () => Promise<void>,
): Promise<unknown> {
  const source = FUNCTION_SOURCE.test(expression) ? `(${expression})()` : expression;
  const timeout = timeoutAfter(timeoutMs, `The expression did not finish within ${timeoutMs} ms.`);
  let value: unknown;
  try {
    value = await Promise.race([page.evaluate(source), timeout.promise]);
  } catch (error) {
    if (error instanceof WorkerError) {
      await terminate().catch(() => {});
      throw error;
    }
    throw new WorkerError('EVALUATE_FAILED', shortMessage(error), { cause: error });
  } finally {
    timeout.cancel();
  }
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch (error) {
    throw new WorkerError('EVALUATE_FAILED', `The result is not JSON-serializable: ${shortMessage(error)}`);
  }
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
  options: { quality: number; fullPage: boolean },
  timeoutMs: number,
): Promise<Buffer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const remaining = deadline - Date.now();
    try {
      return await page.screenshot({
        type: 'jpeg',
        quality: options.quality,
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
