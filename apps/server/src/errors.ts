/**
 * Every error the API answers, by code. Routes and services throw `AppError(code)`; the error
 * handler (plugins/error-handler.ts) turns it into `{ code, message, field? }` with this status.
 */
export const errorCatalogue = {
  /** Body, params or query do not match the route's schema; `field` names the first offender. */
  VALIDATION_ERROR: { status: 400, message: 'The request is invalid.' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as application/json.' },
  UNKNOWN_DEVICE: { status: 400, message: 'Unknown device preset; see GET /api/v1/devices.' },
  INSTANCE_NOT_FOUND: { status: 404, message: 'No instance with this id.' },
  INSTANCE_NOT_RUNNING: { status: 409, message: 'The instance is not running.' },
  INSTANCE_ALREADY_ACTIVE: { status: 409, message: 'The instance is already starting or running.' },
  /** The owning worker is stopped, silent (stale heartbeat) or refuses connections. */
  WORKER_UNAVAILABLE: { status: 503, message: 'The worker that runs this instance is not reachable.' },
  COMMAND_TIMEOUT: { status: 504, message: 'The worker did not answer in time.' },
  EVALUATE_FAILED: { status: 422, message: 'The expression threw in the page.' },
  NAVIGATION_FAILED: { status: 422, message: 'The page could not be loaded.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface AppErrorOptions {
  /** Dotted path of the offending input, e.g. `script.intervalMin`. */
  field?: string;
  details?: unknown;
  cause?: unknown;
}

/** An error with a catalogue code: the client gets its status and message as they are. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? errorCatalogue[code].message, { cause: options.cause });
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.field = options.field;
    this.details = options.details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
