import { type WorkerRpcErrorCode, workerRpcErrors } from '@fleetwright/contracts';

interface CatalogueEntry {
  status: number;
  retryable: boolean;
  message: string;
}

/**
 * The errors of a start, which never travel over RPC. `retryable` decides what a failed start does
 * next (Crawlee's NonRetryableError / RetryRequestError split):
 *
 * - not retryable: the session itself cannot start (unknown device, unreachable start page, bad
 *   proxy). The session goes to ERROR with the reason and the queue job is completed: another
 *   attempt would fail the same way.
 * - retryable: this worker could not do its part (Chromium did not launch). The session goes back
 *   to PENDING and the job is failed, so pg-boss hands it out again, possibly to another worker.
 */
const startErrors = {
  UNKNOWN_DEVICE: { status: 422, retryable: false, message: 'Unknown device preset.' },
  INVALID_PROXY: { status: 422, retryable: false, message: 'The proxy cannot be used.' },
  /** The start page did not load (network error, proxy refused, timeout). */
  START_FAILED: { status: 422, retryable: false, message: 'The session could not be started.' },
  /** The session was stopped (by a user or by the worker shutting down) while it was starting. */
  START_ABORTED: { status: 409, retryable: false, message: 'The start was aborted.' },
  BROWSER_LAUNCH_FAILED: { status: 503, retryable: true, message: 'Chromium could not be launched.' },
  /** The session's proxy strategy found no usable proxy in the pool (issue 10). */
  NO_HEALTHY_PROXY: { status: 409, retryable: false, message: 'No proxy of the pool is usable.' },
  NO_PROXY_IN_COUNTRY: {
    status: 409,
    retryable: false,
    message: 'No usable proxy of the pool is in the country.',
  },
  /** The one pool proxy the session asked for was deleted or blacklisted since. */
  PROXY_NOT_FOUND: { status: 404, retryable: false, message: 'The proxy is gone.' },
  PROXY_BLACKLISTED: { status: 409, retryable: false, message: 'The proxy is blacklisted.' },
  /** The provider entry of a `{ providerId }` option was deleted, or no longer serves its country. */
  PROXY_PROVIDER_NOT_FOUND: { status: 404, retryable: false, message: 'The proxy provider entry is gone.' },
  PROXY_COUNTRY_NOT_SERVED: {
    status: 409,
    retryable: false,
    message: 'The proxy provider entry has no exit in the country.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type WorkerErrorCode = WorkerRpcErrorCode | keyof typeof startErrors;

/**
 * Every error the worker raises, by code: the RPC errors of the contract (`status` is what the RPC
 * listener answers; none is retryable) and the start errors.
 */
export const workerErrorCatalogue: Record<WorkerErrorCode, CatalogueEntry> = {
  ...(Object.fromEntries(
    Object.entries(workerRpcErrors).map(([code, error]) => [code, { ...error, retryable: false }]),
  ) as Record<WorkerRpcErrorCode, CatalogueEntry>),
  ...startErrors,
};

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
