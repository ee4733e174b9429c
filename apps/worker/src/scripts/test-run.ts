import type { Config } from '@fleetwright/config';
import type { ConsoleLevel, ScriptLibrary, ScriptTestResult } from '@fleetwright/contracts';
import type { Logger } from '@fleetwright/logger';
import {
  type CheckTargetOptions,
  compilePrivateTargets,
  type EgressProxy,
  startEgressProxy,
} from '@fleetwright/net-guard';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { BrowserPool, SharedBrowser } from '../browsers/browser-pool.ts';
import { isWorkerError, shortMessage } from '../errors.ts';
import { navigatePage, screenshotPage } from '../sessions/page-commands.ts';
import { evaluateScript } from './evaluate-script.ts';

/** Console lines kept at most; later ones are dropped and `truncated.console` says so. */
export const TEST_CONSOLE_MAX_LINES = 200;
/** Console text kept at most, in UTF-16 code units over all lines (each line is cut at 2000). */
export const TEST_CONSOLE_MAX_CHARS = 64 * 1024;
const CONSOLE_LINE_MAX_CHARS = 2000;
/** A value whose JSON is larger is not returned (`value: null`, `truncated.value: true`). */
export const TEST_VALUE_MAX_BYTES = 256 * 1024;
/** Page errors kept at most. */
const MAX_ERRORS = 50;
/** The screenshot after the run has a budget of its own, outside SCRIPT_TEST_TIMEOUT_MS. */
export const TEST_SCREENSHOT_TIMEOUT_MS = 5000;

export interface ScriptTestRequest {
  organizationId: string;
  url: string;
  source: string;
  libraries: readonly ScriptLibrary[];
  input: Record<string, unknown>;
}

export interface ScriptTestDeps {
  pool: BrowserPool;
  config: Pick<Config, 'SCRIPT_TEST_TIMEOUT_MS' | 'ALLOW_PRIVATE_TARGETS'>;
  logger: Logger;
  /** The organization's private targets (organizations.private_targets). */
  loadPrivateTargets(organizationId: string): Promise<readonly string[]>;
  /** How the egress guard resolves and classifies addresses (tests inject these). */
  targetGuard?: Pick<CheckTargetOptions, 'resolve' | 'classify'>;
}

/**
 * Playwright's console message types onto the contract's levels ('warning' is 'warn'); the rest
 * (dir, table, count, groups…) are plain output, 'log'.
 */
const consoleLevels: Partial<Record<string, ConsoleLevel>> = {
  log: 'log',
  info: 'info',
  warning: 'warn',
  error: 'error',
  assert: 'error',
  debug: 'debug',
  trace: 'debug',
};

export function consoleLevel(messageType: string): ConsoleLevel {
  return consoleLevels[messageType] ?? 'log';
}

/** Collects console lines and page errors within the caps. */
class Output {
  readonly console: ScriptTestResult['console'] = [];
  readonly errors: string[] = [];
  truncated = false;
  #chars = 0;

  addConsole(level: ConsoleLevel, text: string): void {
    if (this.console.length >= TEST_CONSOLE_MAX_LINES || this.#chars >= TEST_CONSOLE_MAX_CHARS) {
      this.truncated = true;
      return;
    }
    const room = Math.min(CONSOLE_LINE_MAX_CHARS, TEST_CONSOLE_MAX_CHARS - this.#chars);
    if (text.length > room) this.truncated = true;
    const kept = text.slice(0, room);
    this.#chars += kept.length;
    this.console.push({ level, text: kept });
  }

  addError(message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(message.slice(0, CONSOLE_LINE_MAX_CHARS));
  }
}

/**
 * Runs a script once against `url` on a context opened for this run alone and closed after it,
 * whatever happens. Its traffic goes through the egress guard with the organization's private
 * targets (unless private targets are allowed platform-wide), as a session's does. The load and the
 * script share SCRIPT_TEST_TIMEOUT_MS; a hung script is terminated. Caps hit are reported in the
 * answer (`timedOut`, `truncated`), and so are failures (`errors`): a test run never fails as a request.
 */
export async function runScriptTest(
  deps: ScriptTestDeps,
  request: ScriptTestRequest,
): Promise<ScriptTestResult> {
  const startedAt = Date.now();
  const output = new Output();
  const result: ScriptTestResult = {
    value: null,
    console: output.console,
    errors: output.errors,
    screenshot: null,
    screenshotType: 'image/jpeg',
    durationMs: 0,
    timedOut: false,
    truncated: { value: false, console: false },
  };
  let egress: EgressProxy | null = null;
  let opened: { context: BrowserContext; shared: SharedBrowser } | null = null;
  try {
    if (!deps.config.ALLOW_PRIVATE_TARGETS) {
      egress = await startEgressProxy({
        ...deps.targetGuard,
        upstream: null,
        privateTargets: compilePrivateTargets(await deps.loadPrivateTargets(request.organizationId)),
        onRefused: ({ target, message }) => output.addError(`blocked a connection to ${target}: ${message}`),
      });
    }
    opened = await deps.pool.openContext({
      viewport: { width: 1280, height: 720 },
      ...(egress ? { proxy: { server: egress.url } } : {}),
    });
    const page = await opened.context.newPage();
    page.on('console', (message) => output.addConsole(consoleLevel(message.type()), message.text()));
    page.on('pageerror', (error) => output.addError(error.message));
    const cdp = await opened.context.newCDPSession(page);
    // Counted from here: launching a browser for the first run is the worker's time, not the script's.
    const deadline = Date.now() + deps.config.SCRIPT_TEST_TIMEOUT_MS;
    await runInPage(page, cdp, request, deadline, egress !== null, result, output);
    result.screenshot = await screenshotOf(page);
  } catch (error) {
    deps.logger.warn({ err: error }, 'script test run failed');
    output.addError(shortMessage(error));
  } finally {
    await opened?.context.close().catch(() => {});
    if (opened) deps.pool.releaseContext(opened.shared);
    await egress?.close().catch(() => {});
  }
  result.durationMs = Date.now() - startedAt;
  result.truncated.console = output.truncated;
  return result;
}

/** Loads the page and runs the script, within `deadline`; what went wrong goes into `result`. */
async function runInPage(
  page: Page,
  cdp: CDPSession,
  request: ScriptTestRequest,
  deadline: number,
  egress: boolean,
  result: ScriptTestResult,
  output: Output,
): Promise<void> {
  try {
    await navigatePage(page, request.url, Math.max(1, deadline - Date.now()), { egress });
  } catch (error) {
    if (isWorkerError(error) && error.code === 'COMMAND_TIMEOUT') result.timedOut = true;
    output.addError(shortMessage(error));
    return;
  }
  try {
    const value = await evaluateScript(
      page,
      request.source,
      { ...request.input, target: request.url },
      {
        timeoutMs: Math.max(1, deadline - Date.now()),
        maxResultBytes: TEST_VALUE_MAX_BYTES,
        libraries: request.libraries,
        terminate: async () => {
          await cdp.send('Runtime.terminateExecution');
        },
      },
    );
    result.value = value === undefined ? null : value;
  } catch (error) {
    if (isWorkerError(error) && error.code === 'COMMAND_TIMEOUT') result.timedOut = true;
    else if (isWorkerError(error) && error.code === 'EVALUATE_RESULT_TOO_LARGE')
      result.truncated.value = true;
    output.addError(shortMessage(error));
  }
}

/** The page as it is after the run, as base64 JPEG; null when it cannot be captured in time. */
async function screenshotOf(page: Page): Promise<string | null> {
  try {
    const image = await screenshotPage(page, { quality: 70, fullPage: false }, TEST_SCREENSHOT_TIMEOUT_MS);
    return image.toString('base64');
  } catch {
    return null;
  }
}
