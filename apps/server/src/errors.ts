import { errorResponseSchema } from '@fleetwright/contracts';
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
  /** Node's HTTP parser refused the request (request line, header syntax, chunked encoding). */
  MALFORMED_REQUEST: { status: 400, message: 'The request is not valid HTTP/1.1.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
  /** The path is not valid percent-encoding (e.g. `%E0%A4%A`). */
  INVALID_URL: { status: 400, message: 'The URL is not validly percent-encoded.' },
  /** A path segment longer than the router takes (an id is 36 characters). */
  URI_TOO_LONG: { status: 414, message: 'The URL is too long.' },
  UNKNOWN_DEVICE: { status: 400, message: 'Unknown device preset; see GET /api/v1/devices.' },
  SESSION_NOT_FOUND: { status: 404, message: 'No session with this id.' },
  SESSION_NOT_RUNNING: { status: 409, message: 'The session is not running.' },
  SESSION_ALREADY_ACTIVE: { status: 409, message: 'The session is already starting or running.' },
  /** The owning worker is stopped, silent (stale heartbeat) or refuses connections. */
  WORKER_UNAVAILABLE: { status: 503, message: 'The worker that runs this session is not reachable.' },
  COMMAND_TIMEOUT: { status: 504, message: 'The worker did not answer in time.' },
  EVALUATE_FAILED: { status: 422, message: 'The expression threw in the page.' },
  /** The result's JSON is larger than the worker's EVALUATE_RESULT_MAX_BYTES (default 1 MiB). */
  EVALUATE_RESULT_TOO_LARGE: { status: 422, message: 'The result is too large to return.' },
  NAVIGATION_FAILED: { status: 422, message: 'The page could not be loaded.' },
  /** Chromium refused the capture for longer than COMMAND_TIMEOUT_MS allows retrying. */
  SCREENSHOT_FAILED: { status: 502, message: 'The browser could not capture the page.' },
  /** A click or type (MCP, issue 12) whose ref names no element of the page now, or one that refuses it. */
  ELEMENT_ACTION_FAILED: { status: 422, message: 'The element could not be clicked or typed into.' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  /** No session cookie and no API key, or one that is unknown. */
  UNAUTHENTICATED: {
    status: 401,
    message: 'Sign in, or send an API key as `Authorization: Bearer fw_live_…`.',
  },
  API_KEY_INVALID: { status: 401, message: 'The API key is unknown, revoked or expired.' },
  /** The role or the API key's scopes do not allow this. */
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  NO_ORGANIZATION: { status: 403, message: 'You are not a member of any organization yet.' },
  /** A cookie-authenticated change without the x-csrf-token header, or from another origin. */
  CSRF_REJECTED: {
    status: 403,
    message: 'The request lacks a valid CSRF token or comes from another origin.',
  },
  API_KEY_NOT_FOUND: { status: 404, message: 'No API key with this id.' },
  /** SSRF guard: the URL points to loopback, private, link-local or metadata addresses. */
  TARGET_NOT_ALLOWED: { status: 400, message: 'This target address is not allowed.' },
  TARGET_UNRESOLVABLE: { status: 400, message: 'The target host name does not resolve.' },
  PROXY_NOT_FOUND: { status: 404, message: 'No proxy with this id.' },
  /** A session asked for a proxy of the pool set aside by hand. */
  PROXY_BLACKLISTED: { status: 409, message: 'The proxy is blacklisted.' },
  /** A session's proxy strategy found no HEALTHY, UNCHECKED or DEGRADED proxy matching it. */
  NO_HEALTHY_PROXY: { status: 409, message: 'No proxy of the pool is usable for this session.' },
  /** A session's proxy strategy found usable proxies, but none in the country asked for. */
  NO_PROXY_IN_COUNTRY: { status: 409, message: 'No usable proxy of the pool is in this country.' },
  /** Same protocol, host, port and username as a proxy of the pool; `details.id` names it when known. */
  PROXY_ALREADY_EXISTS: { status: 409, message: 'The pool already has this proxy.' },
  PROXY_PROVIDER_NOT_FOUND: { status: 404, message: 'No proxy provider entry with this id.' },
  /** Another provider entry of the organization has this name. */
  PROXY_PROVIDER_ALREADY_EXISTS: { status: 409, message: 'A provider entry with this name exists already.' },
  /** A session asked a provider entry for an exit country that the provider, or the entry, does not serve. */
  PROXY_COUNTRY_NOT_SERVED: { status: 409, message: 'The proxy provider has no exit in this country.' },
  /** An import whose list as a whole cannot be read (a CSV without host and port columns, JSON that is not an array). */
  PROXY_LIST_INVALID: { status: 400, message: 'The proxy list cannot be read.' },
  /** An import `{ url }` whose download failed: refused connection, error status, timeout. */
  PROXY_LIST_UNAVAILABLE: { status: 422, message: 'The proxy list could not be fetched.' },
  PROXY_VALIDATION_NOT_FOUND: { status: 404, message: 'No proxy validation run with this id.' },
  /** The organization has a validation run QUEUED or RUNNING; `details.id` names it (follow it instead). */
  PROXY_VALIDATION_IN_PROGRESS: { status: 409, message: 'A proxy validation run is already in progress.' },
  SECRET_NOT_FOUND: { status: 404, message: 'No secret with this id.' },
  /** Another secret of the organization has this name. */
  SECRET_ALREADY_EXISTS: { status: 409, message: 'A secret with this name exists already.' },
  PROFILE_NOT_FOUND: { status: 404, message: 'No profile with this id.' },
  /** Another profile of the organization has this name. */
  PROFILE_ALREADY_EXISTS: { status: 409, message: 'A profile with this name exists already.' },
  /** The session's storage is larger than MAX_PROFILE_STATE_BYTES (5 MiB). */
  PROFILE_TOO_LARGE: { status: 413, message: 'The session storage is too large for a profile.' },
  SCRIPT_NOT_FOUND: { status: 404, message: 'No script with this id.' },
  SCRIPT_VERSION_NOT_FOUND: { status: 404, message: 'The script has no version with this number.' },
  /** A script test run needs a browser: no worker is online with a free slot. */
  NO_WORKER_AVAILABLE: { status: 503, message: 'No worker is online with free capacity; retry later.' },
  ORGANIZATION_NOT_FOUND: { status: 404, message: 'No organization with this id.' },
  WEBHOOK_NOT_FOUND: { status: 404, message: 'No webhook with this id.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, message: 'No delivery with this id for this webhook.' },
  /** A redelivery of a delivery that is still queued or being retried. */
  WEBHOOK_DELIVERY_PENDING: { status: 409, message: 'The delivery is still being delivered.' },
  /** A redelivery to a webhook that is disabled (by hand, or after failing): enable it first. */
  WEBHOOK_DISABLED: { status: 409, message: 'The webhook is disabled.' },
  NOTIFICATION_CHANNEL_NOT_FOUND: { status: 404, message: 'No notification channel with this id.' },
  /** A plan quota (concurrent sessions, proxies, jobs) is used up; `details.quota` names it. */
  QUOTA_EXCEEDED: { status: 403, message: "The organization's plan does not allow more." },
  /** The organization's target policy blocks this domain. */
  TARGET_BLOCKED: { status: 403, message: "The organization's target policy blocks this domain." },
  /** The target policy's cap of active sessions per domain is reached. */
  DOMAIN_SESSION_CAP_REACHED: { status: 403, message: 'Too many active sessions on this domain.' },
  JOB_NOT_FOUND: { status: 404, message: 'No job with this id.' },
  EXECUTION_NOT_FOUND: { status: 404, message: 'No execution with this id.' },
  ARTIFACT_NOT_FOUND: { status: 404, message: 'No artifact with this id in this execution.' },
  /** Cancel of an execution that has ended already. */
  EXECUTION_FINISHED: { status: 409, message: 'The execution has finished already.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; retry later.' },
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

/** Response schemas of every error a route can answer, for its `schema.response`. */
export const errorResponses = { '4xx': errorResponseSchema, '5xx': errorResponseSchema };
