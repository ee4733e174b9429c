import { z } from 'zod';
import { httpUrlSchema, idSchema } from './common.ts';
import { MAX_PROFILE_STATE_BYTES, storageStateSchema } from './profiles.ts';
import { scriptLibrarySchema, scriptSourceSchema, scriptTestResultSchema } from './scripts.ts';
import {
  clickBodySchema,
  elementActionResponseSchema,
  evaluateBodySchema,
  evaluateResponseSchema,
  navigateBodySchema,
  navigateResponseSchema,
  screenshotQuerySchema,
  sessionStatusSchema,
  snapshotResponseSchema,
  typeBodySchema,
} from './sessions.ts';

/**
 * Every error the worker RPC answers, as `{ code, message }` with this status: the worker raises
 * them (its catalogue adds the start errors, which never travel over RPC), the server maps each to
 * its own API catalogue.
 */
export const workerRpcErrors = {
  SESSION_NOT_ON_WORKER: { status: 404, message: 'The session does not run on this worker.' },
  SESSION_NOT_RUNNING: { status: 409, message: 'The session is not running.' },
  EVALUATE_FAILED: { status: 422, message: 'The expression failed in the page.' },
  /** The result's JSON is larger than EVALUATE_RESULT_MAX_BYTES. */
  EVALUATE_RESULT_TOO_LARGE: { status: 422, message: 'The result is too large to return.' },
  NAVIGATION_FAILED: { status: 422, message: 'The page could not be loaded.' },
  /** The storage state's JSON is larger than MAX_PROFILE_STATE_BYTES: refused before it travels. */
  STORAGE_STATE_TOO_LARGE: {
    status: 413,
    message: `The session storage is larger than a profile holds (${MAX_PROFILE_STATE_BYTES} bytes).`,
  },
  SCREENSHOT_FAILED: { status: 502, message: 'The browser could not capture the page.' },
  /** A click or type whose ref names no element of the page now, or an element that refuses it. */
  ELEMENT_ACTION_FAILED: { status: 422, message: 'The element could not be clicked or typed into.' },
  COMMAND_TIMEOUT: { status: 504, message: 'The command did not finish in time.' },
  UNAUTHORIZED: { status: 401, message: 'Missing or wrong internal token.' },
  /** A malformed RPC request; the server validates first, so this means the two disagree on the contract. */
  INVALID_REQUEST: { status: 400, message: 'The request does not match the worker RPC contract.' },
} as const satisfies Record<string, { status: number; message: string }>;
export type WorkerRpcErrorCode = keyof typeof workerRpcErrors;
export const workerRpcErrorCodes = Object.keys(workerRpcErrors) as WorkerRpcErrorCode[];

export function isWorkerRpcErrorCode(code: unknown): code is WorkerRpcErrorCode {
  return typeof code === 'string' && Object.hasOwn(workerRpcErrors, code);
}

export const workerFrameSchema = z.object({
  data: z.string(),
  width: z.number(),
  height: z.number(),
  at: z.string(),
});
export type WorkerFrame = z.infer<typeof workerFrameSchema>;

/** The screenshot query of the REST API, plus the format: the MCP server's screenshot tool asks for PNG (issue 12). */
export const workerScreenshotQuerySchema = screenshotQuerySchema.extend({
  /** `quality` applies to JPEG only. */
  format: z.enum(['jpeg', 'png']).default('jpeg'),
});
export type ScreenshotFormat = z.infer<typeof workerScreenshotQuerySchema>['format'];

/** What a route answers with 200. */
export type WorkerRpcResponse =
  | { type: 'application/json'; schema: z.ZodType }
  /** image/jpeg, or image/png when the query asks for `format=png`. */
  | { type: 'image/jpeg' }
  /** One value of `schema` per line, for as long as the request stays open. */
  | { type: 'application/x-ndjson'; schema: z.ZodType };

export interface WorkerRpcRoute {
  method: 'GET' | 'POST';
  /** Fastify's syntax: `:id` is the session id. */
  path: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response: WorkerRpcResponse;
  /** The codes this route answers besides UNAUTHORIZED (every route) and INVALID_REQUEST. */
  errors: readonly WorkerRpcErrorCode[];
}

/**
 * The worker's internal HTTP interface: the server calls the worker that owns a session for
 * interactive commands; every request carries `authorization: Bearer <INTERNAL_TOKEN>`. The worker
 * serves exactly these routes and the server calls them through `workerRpcPath`, so neither side
 * spells a path.
 */
export const workerRpcRoutes = {
  health: {
    method: 'GET',
    path: '/rpc/health',
    response: { type: 'application/json', schema: z.object({ workerId: idSchema }) },
    errors: [],
  },
  navigate: {
    method: 'POST',
    path: '/rpc/sessions/:id/navigate',
    body: navigateBodySchema,
    response: { type: 'application/json', schema: navigateResponseSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'NAVIGATION_FAILED', 'COMMAND_TIMEOUT'],
  },
  evaluate: {
    method: 'POST',
    path: '/rpc/sessions/:id/evaluate',
    body: evaluateBodySchema,
    response: { type: 'application/json', schema: evaluateResponseSchema },
    errors: [
      'SESSION_NOT_ON_WORKER',
      'SESSION_NOT_RUNNING',
      'EVALUATE_FAILED',
      'EVALUATE_RESULT_TOO_LARGE',
      'COMMAND_TIMEOUT',
    ],
  },
  screenshot: {
    method: 'GET',
    path: '/rpc/sessions/:id/screenshot',
    query: workerScreenshotQuerySchema,
    response: { type: 'image/jpeg' },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'SCREENSHOT_FAILED', 'COMMAND_TIMEOUT'],
  },
  /** The page's accessibility tree with element refs, for AI agents (issue 12). */
  snapshot: {
    method: 'GET',
    path: '/rpc/sessions/:id/snapshot',
    response: { type: 'application/json', schema: snapshotResponseSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'COMMAND_TIMEOUT'],
  },
  /** Clicks the element a snapshot's ref names. */
  click: {
    method: 'POST',
    path: '/rpc/sessions/:id/click',
    body: clickBodySchema,
    response: { type: 'application/json', schema: elementActionResponseSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'ELEMENT_ACTION_FAILED', 'COMMAND_TIMEOUT'],
  },
  /** Fills the element a snapshot's ref names. */
  type: {
    method: 'POST',
    path: '/rpc/sessions/:id/type',
    body: typeBodySchema,
    response: { type: 'application/json', schema: elementActionResponseSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'ELEMENT_ACTION_FAILED', 'COMMAND_TIMEOUT'],
  },
  /** Answers once the session is STOPPED (or where it is, if it was no longer this worker's to stop). */
  stop: {
    method: 'POST',
    path: '/rpc/sessions/:id/stop',
    response: { type: 'application/json', schema: z.object({ status: sessionStatusSchema }) },
    errors: ['SESSION_NOT_ON_WORKER'],
  },
  /**
   * The session's cookies, localStorage and IndexedDB (issue 12, profiles), as Playwright's
   * `storageState({ indexedDB: true })` gives them; the server seals them.
   */
  storageState: {
    method: 'GET',
    path: '/rpc/sessions/:id/storage-state',
    response: { type: 'application/json', schema: storageStateSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING', 'STORAGE_STATE_TOO_LARGE', 'COMMAND_TIMEOUT'],
  },
  /** Live view: the screencast runs only while a request is open. */
  frames: {
    method: 'GET',
    path: '/rpc/sessions/:id/frames',
    response: { type: 'application/x-ndjson', schema: workerFrameSchema },
    errors: ['SESSION_NOT_ON_WORKER', 'SESSION_NOT_RUNNING'],
  },
  /**
   * A script test run (issue 11) on a throwaway context of this worker, behind the egress guard
   * with the organization's private targets; caps hit are in the answer, never an error.
   */
  testScript: {
    method: 'POST',
    path: '/rpc/scripts/test',
    body: z.object({
      organizationId: idSchema,
      url: httpUrlSchema,
      source: scriptSourceSchema,
      libraries: z.array(scriptLibrarySchema),
      input: z.record(z.string(), z.unknown()),
    }),
    response: { type: 'application/json', schema: scriptTestResultSchema },
    errors: [],
  },
} as const satisfies Record<string, WorkerRpcRoute>;
export type WorkerRpcRouteName = keyof typeof workerRpcRoutes;

/** The JSON a route answers with 200. */
export type WorkerRpcJson<N extends WorkerRpcRouteName> = (typeof workerRpcRoutes)[N]['response'] extends {
  type: 'application/json';
  schema: infer S extends z.ZodType;
}
  ? z.infer<S>
  : never;

/** A route's path for one session, with its query string (values as `String()` gives them). */
export function workerRpcPath(
  route: WorkerRpcRoute,
  sessionId?: string,
  query?: Record<string, string | number | boolean>,
): string {
  const path = route.path.replace(':id', () => {
    if (sessionId === undefined) throw new Error(`${route.path} needs a session id`);
    return encodeURIComponent(sessionId);
  });
  if (!query) return path;
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  return `${path}?${search}`;
}
