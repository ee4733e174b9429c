import type { ErrorResponse, Me } from '@fleetwright/contracts';
import { redirectToSignIn } from '@/lib/navigation';

/** Every failed API call surfaces as this one type, so components never parse error bodies. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  /** The API's error code (`SESSION_NOT_FOUND`, …), or `NETWORK_ERROR` / `HTTP_<status>`. */
  readonly code: string;
  /** Dotted path of the offending input (`script.intervalMin`) on validation errors. */
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: ErrorResponse) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The dashboard's own words for API error codes whose message says nothing more than the code
 * (`apiErrors` in the messages), in the active language; set by ApiErrorWords in the providers.
 * Other errors keep the server's message: it names the field or the reason.
 */
let wordsForCode: ((code: string) => string | undefined) | null = null;

export function setApiErrorWords(words: ((code: string) => string | undefined) | null): void {
  wordsForCode = words;
}

/** A message fit for a toast, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    const words = wordsForCode?.(error.code);
    if (words) return words;
  }
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (wordsForCode?.('UNKNOWN') ?? 'Something went wrong');
}

/** The API lives on the same origin as the dashboard (the Fastify server hosts both). */
export const API_BASE = '/api/v1';

/** Header that proves a cookie-authenticated change comes from the dashboard (see csrfToken). */
export const CSRF_HEADER = 'x-csrf-token';
/** Readable cookie the server sets with every GET /me: the CSRF token of the login session. */
const CSRF_COOKIE = 'fw_csrf';

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Serialized as JSON. */
  body?: unknown;
  /** Undefined, null and empty-string values are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** `blob` for binary answers such as the screenshot JPEG. @default 'json' */
  responseType?: 'json' | 'blob';
  /**
   * What a 401 does: `redirect` sends the browser to /sign-in and back here afterwards; `throw`
   * only throws, for pages that merely ask whether someone is signed in. @default 'redirect'
   */
  onUnauthenticated?: 'redirect' | 'throw';
}

export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

/**
 * The last token GET /me gave us; the cookie is preferred (it follows sign-ins in other tabs).
 * Every sign-in and sign-out ends in a full page load, whose /me call sets a fresh cookie; a
 * token that went stale anyway is caught by the CSRF_REJECTED retry below.
 */
let rememberedCsrfToken: string | null = null;

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Called with every /me answer, so mutations need no extra round trip. */
export function rememberCsrfToken(token: string | null): void {
  rememberedCsrfToken = token;
}

/**
 * The CSRF token of the current login session. It is an HMAC of the session id, so it changes
 * whenever the session does (sign-in, 2FA enrolment): `fresh` asks /me for the current one.
 */
async function csrfToken(fresh: boolean): Promise<string | null> {
  if (!fresh) {
    const known = readCookie(CSRF_COOKIE) ?? rememberedCsrfToken;
    if (known) return known;
  }
  const response = await send('/me', { method: 'GET' }, null);
  if (!response.ok) throw await mapFailure(response, {});
  const me = (await response.json()) as Me;
  rememberCsrfToken(me.csrfToken);
  return me.csrfToken;
}

async function send(path: string, options: ApiFetchOptions, token: string | null): Promise<Response> {
  const { method = 'GET', body, query, signal, responseType = 'json' } = options;
  const headers: Record<string, string> = { accept: responseType === 'json' ? 'application/json' : '*/*' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers[CSRF_HEADER] = token;
  try {
    return await fetch(apiUrl(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: 'Cannot reach the Fleetwright API.' });
  }
}

/**
 * The one place that talks HTTP to the API: adds the CSRF token to changes, maps failures to
 * `ApiError`, and sends a signed-out visitor to the sign-in page.
 */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', responseType = 'json' } = options;
  const mutation = method !== 'GET';
  let response = await send(path, options, mutation ? await csrfToken(false) : null);
  if (mutation && response.status === 403) {
    const error = await toApiError(response);
    if (error.code !== 'CSRF_REJECTED') throw error;
    // A stale token (the session changed since it was read). The server refused before doing
    // anything, so sending the same change again with the current token is safe.
    response = await send(path, options, await csrfToken(true));
  }

  if (!response.ok) throw await mapFailure(response, options);
  if (responseType === 'blob') return (await response.blob()) as T;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function mapFailure(response: Response, options: ApiFetchOptions): Promise<ApiError> {
  const error = await toApiError(response);
  if (error.status === 401 && (options.onUnauthenticated ?? 'redirect') === 'redirect') redirectToSignIn();
  return error;
}

/** `{ code, message, field? }` from our API and from better-auth alike; anything else by status. */
export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ErrorResponse>;
    if (typeof body.message === 'string' && body.message !== '') {
      return new ApiError(response.status, {
        code: typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
        message: body.message,
        field: typeof body.field === 'string' ? body.field : undefined,
        details: body.details,
      });
    }
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): fall through to a generic error.
  }
  return new ApiError(response.status, {
    code: `HTTP_${response.status}`,
    message: `The API answered ${response.status} ${response.statusText || ''}`.trim(),
  });
}
