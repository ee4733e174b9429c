import type { ErrorResponse } from '@fleetwright/contracts';

/** Every failed API call surfaces as this one type, so components never parse error bodies. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  /** The API's error code (`INSTANCE_NOT_FOUND`, …), or `NETWORK_ERROR` / `HTTP_<status>`. */
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

/** A message fit for a toast, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong';
}

/** The API lives on the same origin as the dashboard (the Fastify server hosts both). */
export const API_BASE = '/api/v1';

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

/** The one place that talks HTTP to the API and maps failures to `ApiError`. */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, responseType = 'json' } = options;
  const headers: Record<string, string> = { accept: responseType === 'json' ? 'application/json' : '*/*' };
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
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

  if (!response.ok) throw await toApiError(response);
  if (responseType === 'blob') return (await response.blob()) as T;
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as Partial<ErrorResponse>;
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(response.status, {
        code: body.code,
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
