/**
 * Every error the worker raises, by code. `status` is what the RPC listener answers; `retryable`
 * decides what a failed start does next (Crawlee's NonRetryableError / RetryRequestError split):
 *
 * - not retryable: the session itself cannot start (unknown device, unreachable start page, bad
 *   proxy). The session goes to ERROR with the reason and the queue job is completed: another
 *   attempt would fail the same way.
 * - retryable: this worker could not do its part (Chromium did not launch). The session goes back
 *   to PENDING and the job is failed, so pg-boss hands it out again, possibly to another worker.
 */
export const workerErrorCatalogue = {
  SESSION_NOT_ON_WORKER: {
    status: 404,
    retryable: false,
    message: 'The session does not run on this worker.',
  },
  SESSION_NOT_RUNNING: { status: 409, retryable: false, message: 'The session is not running.' },
  EVALUATE_FAILED: { status: 422, retryable: false, message: 'The expression failed in the page.' },
  NAVIGATION_FAILED: { status: 422, retryable: false, message: 'The page could not be loaded.' },
  SCREENSHOT_FAILED: { status: 502, retryable: false, message: 'The browser could not capture the page.' },
  COMMAND_TIMEOUT: { status: 504, retryable: false, message: 'The command did not finish in time.' },
  UNAUTHORIZED: { status: 401, retryable: false, message: 'Missing or wrong internal token.' },
  /** A malformed RPC request; the server validates first, so this means the two disagree on the contract. */
  INVALID_REQUEST: {
    status: 400,
    retryable: false,
    message: 'The request does not match the worker RPC contract.',
  },
  UNKNOWN_DEVICE: { status: 422, retryable: false, message: 'Unknown device preset.' },
  INVALID_PROXY: { status: 422, retryable: false, message: 'The proxy cannot be used.' },
  /** The start page did not load (network error, proxy refused, timeout). */
  START_FAILED: { status: 422, retryable: false, message: 'The session could not be started.' },
  /** The session was stopped (by a user or by the worker shutting down) while it was starting. */
  START_ABORTED: { status: 409, retryable: false, message: 'The start was aborted.' },
  BROWSER_LAUNCH_FAILED: { status: 503, retryable: true, message: 'Chromium could not be launched.' },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

export type WorkerErrorCode = keyof typeof workerErrorCatalogue;

export class WorkerError extends Error {
  override name = 'WorkerError';
  readonly code: WorkerErrorCode;
  readonly status: number;
  readonly retryable: boolean;

  constructor(code: WorkerErrorCode, message?: string, options: { cause?: unknown } = {}) {
    super(message ?? workerErrorCatalogue[code].message, { cause: options.cause });
    this.code = code;
    this.status = workerErrorCatalogue[code].status;
    this.retryable = workerErrorCatalogue[code].retryable;
  }
}

export function isWorkerError(error: unknown): error is WorkerError {
  return error instanceof WorkerError;
}

/** Playwright prefixes messages with the API call and appends a call log; keep the first line. */
export function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.replace(/^[a-zA-Z]+\.[a-zA-Z]+: /, '').trim() || 'unknown error';
}

export function isPlaywrightTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}
