import type { Readable } from 'node:stream';
import {
  isWorkerRpcErrorCode,
  type ScreenshotFormat,
  WORKER_DEAD_AFTER_SECONDS,
  type WorkerFrame,
  type WorkerRpcErrorCode,
  type WorkerRpcJson,
  type WorkerRpcRoute,
  workerRpcPath,
  workerRpcRoutes,
} from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getWorker, type WorkerRow } from '@fleetwright/db';
import { type Dispatcher, Pool } from 'undici';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../errors.ts';

/** The session a command is for, and the worker that owns it (`sessions.worker_id`). */
export interface WorkerTarget {
  sessionId: string;
  workerId: string | null;
}

export interface WorkerClientOptions {
  db: DatabaseOrTransaction;
  /** Sent as `authorization: Bearer <token>`; the worker refuses anything else. */
  token: string;
  /** Evaluate, screenshot and stop; the worker enforces it and answers COMMAND_TIMEOUT first. */
  commandTimeoutMs: number;
  /** Navigate waits for the page load, which has its own, longer timeout. */
  navigationTimeoutMs: number;
  /** SCRIPT_TEST_TIMEOUT_MS: a test run's load and script; the worker stops it then. @default 30000 */
  scriptTestTimeoutMs?: number;
  /** A worker that does not accept the TCP connection within this is gone. @default 2000 */
  connectTimeoutMs?: number;
  /** Heartbeat age after which a worker counts as gone. @default WORKER_DEAD_AFTER_SECONDS */
  deadAfterSeconds?: number;
}

/** How much later than the worker's own timeout we give up waiting: its answer is the better one. */
const TIMEOUT_MARGIN_MS = 2000;
/** The screenshot a test run takes after the script has a budget of its own (worker: test-run.ts). */
const SCRIPT_TEST_SCREENSHOT_MS = 5000;

/** Transport failures that mean "nobody answers at this address". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** A coded error the worker answered, mapped to the catalogue; `workerCode` keeps the original. */
export class WorkerCommandError extends AppError {
  override name = 'WorkerCommandError';
  readonly workerCode: WorkerRpcErrorCode | undefined;

  constructor(code: ErrorCode, message: string, workerCode: WorkerRpcErrorCode | undefined) {
    super(code, message);
    this.workerCode = workerCode;
  }
}

const workerCodeToCatalogue: Record<WorkerRpcErrorCode, ErrorCode> = {
  SESSION_NOT_ON_WORKER: 'SESSION_NOT_RUNNING',
  SESSION_NOT_RUNNING: 'SESSION_NOT_RUNNING',
  EVALUATE_FAILED: 'EVALUATE_FAILED',
  EVALUATE_RESULT_TOO_LARGE: 'EVALUATE_RESULT_TOO_LARGE',
  NAVIGATION_FAILED: 'NAVIGATION_FAILED',
  SCREENSHOT_FAILED: 'SCREENSHOT_FAILED',
  ELEMENT_ACTION_FAILED: 'ELEMENT_ACTION_FAILED',
  STORAGE_STATE_TOO_LARGE: 'PROFILE_TOO_LARGE',
  COMMAND_TIMEOUT: 'COMMAND_TIMEOUT',
  // Server and worker disagree on INTERNAL_TOKEN: an operator's mistake, not the client's.
  UNAUTHORIZED: 'INTERNAL',
  // The worker checks what it is given too; what it refuses, the client may fix.
  INVALID_REQUEST: 'VALIDATION_ERROR',
};

function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  // Connecting to a name with several addresses fails with an AggregateError of the attempts.
  const first = (error as { errors?: unknown[] } | null)?.errors?.[0];
  return first === undefined ? undefined : errorCodeOf(first);
}

/**
 * The server's side of the worker RPC contract (worker-rpc.ts): one keep-alive undici Pool per
 * worker address, so a command costs one round trip on a warm connection. A worker that is stopped,
 * silent or unreachable answers WORKER_UNAVAILABLE within the connect timeout, never a hang.
 */
export class WorkerClient {
  readonly #options: Required<WorkerClientOptions>;
  readonly #pools = new Map<string, Pool>();

  constructor(options: WorkerClientOptions) {
    this.#options = {
      connectTimeoutMs: 2000,
      scriptTestTimeoutMs: 30_000,
      deadAfterSeconds: WORKER_DEAD_AFTER_SECONDS,
      ...options,
    };
  }

  async navigate(target: WorkerTarget, url: string): Promise<WorkerRpcJson<'navigate'>> {
    const response = await this.#request(target, workerRpcRoutes.navigate, {
      body: { url },
      timeoutMs: this.#options.navigationTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'navigate'>;
  }

  async evaluate(target: WorkerTarget, expression: string): Promise<WorkerRpcJson<'evaluate'>> {
    const response = await this.#request(target, workerRpcRoutes.evaluate, {
      body: { expression },
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'evaluate'>;
  }

  /** The page as a JPEG (or a PNG, for the MCP server). */
  async screenshot(
    target: WorkerTarget,
    options: { quality: number; fullPage: boolean; format?: ScreenshotFormat },
  ): Promise<Buffer> {
    const response = await this.#request(target, workerRpcRoutes.screenshot, {
      query: { quality: options.quality, fullPage: options.fullPage, format: options.format ?? 'jpeg' },
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return Buffer.from(await response.body.arrayBuffer());
  }

  /** The page's accessibility snapshot with element refs (issue 12). */
  async snapshot(target: WorkerTarget): Promise<WorkerRpcJson<'snapshot'>> {
    const response = await this.#request(target, workerRpcRoutes.snapshot, {
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'snapshot'>;
  }

  async click(target: WorkerTarget, ref: string): Promise<WorkerRpcJson<'click'>> {
    const response = await this.#request(target, workerRpcRoutes.click, {
      body: { ref },
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'click'>;
  }

  /** Fill and the optional Enter each get COMMAND_TIMEOUT_MS on the worker: twice that, at most. */
  async type(
    target: WorkerTarget,
    input: { ref: string; text: string; submit: boolean },
  ): Promise<WorkerRpcJson<'type'>> {
    const response = await this.#request(target, workerRpcRoutes.type, {
      body: input,
      timeoutMs: 2 * this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'type'>;
  }

  /** Asks the owning worker to stop the session; it answers once the session is STOPPED (or STOPPING). */
  async stop(target: WorkerTarget): Promise<WorkerRpcJson<'stop'>> {
    const response = await this.#request(target, workerRpcRoutes.stop, {
      body: {},
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'stop'>;
  }

  /** The session's cookies, localStorage and IndexedDB (issue 12, profiles). */
  async storageState(target: WorkerTarget): Promise<WorkerRpcJson<'storageState'>> {
    const response = await this.#request(target, workerRpcRoutes.storageState, {
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'storageState'>;
  }

  /**
   * Opens the live-view stream. Resolves once the worker accepted it (so open errors surface
   * here); the frames then arrive until the worker ends the stream or `signal` aborts it.
   */
  /**
   * Runs a script test on worker `workerId` (no session: a throwaway context). The worker answers
   * within SCRIPT_TEST_TIMEOUT_MS plus its screenshot budget once the context is open; opening it
   * (launching a browser, on a busy machine) gets as long as a page load, and we wait a margin longer.
   */
  async testScript(
    workerId: string,
    body: z.input<(typeof workerRpcRoutes)['testScript']['body']>,
  ): Promise<WorkerRpcJson<'testScript'>> {
    const response = await this.#request({ sessionId: '', workerId }, workerRpcRoutes.testScript, {
      body,
      timeoutMs:
        this.#options.scriptTestTimeoutMs +
        this.#options.navigationTimeoutMs +
        SCRIPT_TEST_SCREENSHOT_MS +
        TIMEOUT_MARGIN_MS,
    });
    return (await response.body.json()) as WorkerRpcJson<'testScript'>;
  }

  async openFrames(target: WorkerTarget, signal: AbortSignal): Promise<AsyncIterable<WorkerFrame>> {
    const response = await this.#request(target, workerRpcRoutes.frames, {
      timeoutMs: this.#options.commandTimeoutMs + TIMEOUT_MARGIN_MS,
      // A page that does not repaint sends no frames for as long as it likes.
      bodyTimeoutMs: 0,
      signal,
    });
    return readNdjson<WorkerFrame>(response.body);
  }

  /** The worker row, if it may still be alive; otherwise WORKER_UNAVAILABLE. */
  async resolveWorker(workerId: string | null): Promise<WorkerRow> {
    if (!workerId) throw new AppError('WORKER_UNAVAILABLE', 'The session is not assigned to any worker.');
    const worker = await getWorker(this.#options.db, workerId);
    if (!worker)
      throw new AppError('WORKER_UNAVAILABLE', 'The worker that ran this session no longer exists.');
    if (worker.stoppedAt)
      throw new AppError('WORKER_UNAVAILABLE', 'The worker that ran this session has stopped.');
    const ageSeconds = (Date.now() - worker.heartbeatAt.getTime()) / 1000;
    if (ageSeconds > this.#options.deadAfterSeconds) {
      throw new AppError(
        'WORKER_UNAVAILABLE',
        `The worker that runs this session is silent (last heartbeat ${Math.round(ageSeconds)} s ago).`,
      );
    }
    return worker;
  }

  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }

  async #request(
    target: WorkerTarget,
    route: WorkerRpcRoute,
    request: {
      query?: Record<string, string | number | boolean>;
      body?: unknown;
      timeoutMs: number;
      bodyTimeoutMs?: number;
      signal?: AbortSignal;
    },
  ): Promise<Dispatcher.ResponseData> {
    const worker = await this.resolveWorker(target.workerId);
    const origin = new URL(worker.address).origin;
    const pool = this.#pool(origin);
    let response: Dispatcher.ResponseData;
    try {
      response = await pool.request({
        method: route.method,
        path: workerRpcPath(route, target.sessionId, request.query),
        headers: {
          authorization: `Bearer ${this.#options.token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.bodyTimeoutMs ?? request.timeoutMs,
        signal: request.signal,
      });
    } catch (error) {
      throw this.#transportError(error, origin);
    }
    if (response.statusCode >= 400) throw await readWorkerError(response);
    return response;
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connect: { timeout: this.#options.connectTimeoutMs },
        // Kept shorter than the worker's server keep-alive, so we never write to a socket it is closing.
        keepAliveTimeout: 4000,
        keepAliveMaxTimeout: 30_000,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  #transportError(error: unknown, origin: string): Error {
    const code = errorCodeOf(error);
    if (code && UNREACHABLE_CODES.has(code)) {
      // Its connections are dead; a worker restarted at the same address gets a fresh pool.
      const pool = this.#pools.get(origin);
      this.#pools.delete(origin);
      void pool?.destroy().catch(() => {});
      return new AppError(
        'WORKER_UNAVAILABLE',
        `The worker that runs this session is not reachable (${code}).`,
        {
          cause: error,
        },
      );
    }
    if (code && TIMEOUT_CODES.has(code)) {
      return new AppError('COMMAND_TIMEOUT', 'The worker did not answer in time.', { cause: error });
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

async function readWorkerError(response: Dispatcher.ResponseData): Promise<AppError> {
  const text = await response.body.text().catch(() => '');
  let body: { code?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not the contract's error shape (a proxy in between, an older worker): reported as internal.
  }
  const workerCode = isWorkerRpcErrorCode(body.code) ? body.code : undefined;
  const message =
    typeof body.message === 'string' ? body.message : `The worker answered ${response.statusCode}.`;
  if (!workerCode) return new WorkerCommandError('INTERNAL', message, undefined);
  if (workerCode === 'UNAUTHORIZED') {
    return new WorkerCommandError(
      'INTERNAL',
      'The worker refused our INTERNAL_TOKEN: server and worker must share it.',
      workerCode,
    );
  }
  return new WorkerCommandError(workerCodeToCatalogue[workerCode], message, workerCode);
}

/** One JSON value per line; a line split across chunks is joined first. */
async function* readNdjson<T>(body: Readable): AsyncGenerator<T> {
  body.setEncoding('utf8');
  let buffered = '';
  for await (const chunk of body as AsyncIterable<string>) {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line) as T;
      newline = buffered.indexOf('\n');
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered) as T;
}
