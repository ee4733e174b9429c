import { SAFE_METHODS } from './auth.ts';

/**
 * What the OpenAPI document says about each operation beyond its schemas, derived from the route
 * itself (method, URL, config, schema) so that a new route is documented like the others without
 * a list to keep up to date.
 */

/** Names of components.securitySchemes (see openapi.ts). */
export const SECURITY_SCHEMES = {
  apiKey: 'apiKey',
  sessionCookie: 'sessionCookie',
  csrfToken: 'csrfToken',
} as const;

/** Error answers every operation may document, each a components.responses entry of that name. */
export const ERROR_RESPONSES = {
  400: {
    name: 'BadRequest',
    description:
      'The input does not match the schema or the request body is not JSON (VALIDATION_ERROR, INVALID_JSON…); `field` names the offending input.',
  },
  401: {
    name: 'Unauthorized',
    description:
      'No credentials, or an API key that is unknown, revoked or expired (UNAUTHENTICATED, API_KEY_INVALID).',
  },
  403: {
    name: 'Forbidden',
    description:
      "The role or the API key's scopes do not allow this, the caller belongs to no organization, a cookie-authenticated change lacks the CSRF token, or a plan quota or target policy refuses it (FORBIDDEN, NO_ORGANIZATION, CSRF_REJECTED, QUOTA_EXCEEDED…).",
  },
  404: { name: 'NotFound', description: 'Nothing with this id in the organization (SESSION_NOT_FOUND…).' },
  409: {
    name: 'Conflict',
    description:
      "The resource's state does not allow this now (SESSION_NOT_RUNNING, SESSION_ALREADY_ACTIVE), or it exists already (PROXY_ALREADY_EXISTS, PROXY_PROVIDER_ALREADY_EXISTS).",
  },
  429: {
    name: 'TooManyRequests',
    description:
      "Too many requests in the last minute for this API key or user, or the plan's apiRequestsPerMinute (RATE_LIMITED).",
  },
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** The parts of Fastify's route options this module reads. */
export interface DocumentedRoute {
  method: string | string[];
  url: string;
  config?: { authenticated?: boolean; platformAdmin?: boolean };
  schema?: {
    body?: unknown;
    querystring?: unknown;
    params?: unknown;
    headers?: unknown;
    response?: Record<string, unknown>;
  };
}

const API_PREFIX = '/api/v1';
const UNSAFE_VERBS: Record<string, string> = {
  POST: 'create',
  PATCH: 'update',
  PUT: 'replace',
  DELETE: 'delete',
};

/**
 * A readable, stable id from the method and the URL, so clients generated from the document get
 * method names like `listSessions`, `createSession`, `getSession`, `startSession`,
 * `listSessionLogs`. A route that reads oddly this way names itself with `schema.operationId`.
 *
 * - `GET /things` lists, `GET /thing` gets (a plural noun is a collection).
 * - `POST /things` creates a thing; `POST /things/:id/start` starts a thing; `POST /things/batch/stop`
 *   stops things in a batch (the last segment is the verb when it is not the collection).
 * - `GET|PATCH|PUT|DELETE /things/:id` gets, updates, replaces, deletes a thing.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(API_PREFIX, '')
    .split('/')
    .filter((segment) => segment !== '');
  // A static segment right before a parameter names one item: `sessions/:id` → Session.
  const isParam = (segment: string | undefined) => segment?.startsWith(':') === true;
  const nouns = segments.map((segment, index) =>
    isParam(segment) ? null : isParam(segments[index + 1]) ? singular(segment) : segment,
  );
  const last = segments.at(-1) ?? '';
  const lastIsParam = isParam(last);
  const name = (parts: (string | null)[]) =>
    parts
      .filter((part): part is string => part !== null)
      .map(pascalCase)
      .join('');
  if (method === 'GET') {
    if (lastIsParam) return `get${name(nouns)}`;
    return `${isPlural(last) ? 'list' : 'get'}${name(nouns)}`;
  }
  if (lastIsParam || method !== 'POST')
    return `${UNSAFE_VERBS[method] ?? method.toLowerCase()}${name(nouns)}`;
  if (isPlural(last)) return `create${name([...nouns.slice(0, -1), singular(last)])}`;
  // POST to a verb: the verb leads, the rest names what it acts on.
  return `${camelCase(last)}${name(nouns.slice(0, -1))}`;
}

/**
 * Who may call the route, as OpenAPI security requirements (alternatives): an API key, or the
 * dashboard's session cookie, which for a change also needs the CSRF header. `[]`: anyone.
 */
export function securityOf(route: DocumentedRoute): Record<string, string[]>[] {
  if (!route.config?.authenticated) return [];
  const safe = [route.method].flat().every((method) => SAFE_METHODS.has(method));
  return [
    { [SECURITY_SCHEMES.apiKey]: [] },
    safe
      ? { [SECURITY_SCHEMES.sessionCookie]: [] }
      : { [SECURITY_SCHEMES.sessionCookie]: [], [SECURITY_SCHEMES.csrfToken]: [] },
  ];
}

/**
 * The error answers the route can give, from how it is built: input means 400, authentication
 * 401 and 403 and the per-caller rate limit 429 (platform administration is exempt, see
 * plugins/rate-limit.ts), an id in the path 404. Others (409) a route declares in its
 * `schema.response`.
 */
export function errorStatusesOf(route: DocumentedRoute): ErrorStatus[] {
  const schema = route.schema ?? {};
  const statuses = new Set<ErrorStatus>();
  if (schema.body || schema.querystring || schema.params || schema.headers) statuses.add(400);
  if (route.config?.authenticated) {
    statuses.add(401);
    statuses.add(403);
    if (!route.config.platformAdmin) statuses.add(429);
  }
  if (route.url.includes('/:')) statuses.add(404);
  for (const status of Object.keys(schema.response ?? {})) {
    if (Number(status) in ERROR_RESPONSES) statuses.add(Number(status) as ErrorStatus);
  }
  return [...statuses].sort((a, b) => a - b);
}

function isPlural(noun: string): boolean {
  return noun.endsWith('s');
}

/** Our collection nouns are regular plurals: `sessions`, `api-keys`, `audit-logs`, `proxies`. */
function singular(noun: string): string {
  if (noun.endsWith('ies')) return `${noun.slice(0, -3)}y`;
  return noun.endsWith('s') ? noun.slice(0, -1) : noun;
}

function pascalCase(segment: string): string {
  return segment
    .split(/[-_]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function camelCase(segment: string): string {
  const pascal = pascalCase(segment);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}
