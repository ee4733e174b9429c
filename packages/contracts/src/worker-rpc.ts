import { z } from 'zod';

/**
 * The worker's internal HTTP interface. The server calls the worker that owns a session for
 * interactive commands; every request carries `authorization: Bearer <INTERNAL_TOKEN>`.
 *
 *   POST /rpc/sessions/:id/navigate    { url }         → { url }
 *   POST /rpc/sessions/:id/evaluate    { expression }  → { value }
 *   GET  /rpc/sessions/:id/screenshot?quality=&fullPage= → image/jpeg
 *   POST /rpc/sessions/:id/stop                         → { status }
 *   GET  /rpc/sessions/:id/frames       → application/x-ndjson, one WorkerFrame per line, for as
 *                                          long as the request stays open (screencast runs only then)
 *   GET  /rpc/health                                     → { workerId }
 *
 * Errors answer `{ code, message }` with one of `workerRpcErrorCodes`.
 */
export const workerRpcErrorCodes = [
  'SESSION_NOT_ON_WORKER',
  'SESSION_NOT_RUNNING',
  'EVALUATE_FAILED',
  'NAVIGATION_FAILED',
  'SCREENSHOT_FAILED',
  'COMMAND_TIMEOUT',
  'UNAUTHORIZED',
  'INVALID_REQUEST',
] as const;
export type WorkerRpcErrorCode = (typeof workerRpcErrorCodes)[number];

export const workerFrameSchema = z.object({
  data: z.string(),
  width: z.number(),
  height: z.number(),
  at: z.string(),
});
export type WorkerFrame = z.infer<typeof workerFrameSchema>;
