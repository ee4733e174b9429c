import { createHash, timingSafeEqual } from 'node:crypto';
import {
  evaluateBodySchema,
  navigateBodySchema,
  screenshotQuerySchema,
  type WorkerRpcErrorCode,
} from '@fleetwright/contracts';
import type { Logger } from '@fleetwright/logger';
import Fastify, { type FastifyReply, LogController } from 'fastify';
import type { z } from 'zod';
import { isWorkerError, WorkerError } from '../errors.ts';
import type { SessionManager } from '../sessions/session-manager.ts';

export interface RpcServerOptions {
  manager: SessionManager;
  workerId: string;
  /** INTERNAL_TOKEN shared with the server. */
  token: string;
  logger: Logger;
}

/** Bodies are a URL or an expression (≤ 100 000 characters, MAX_SCRIPT_LENGTH): 1 MiB is plenty. */
const BODY_LIMIT_BYTES = 1024 * 1024;

function sendError(
  reply: FastifyReply,
  status: number,
  code: WorkerRpcErrorCode | 'INTERNAL',
  message: string,
) {
  return reply.code(status).send({ code, message });
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new WorkerError('INVALID_REQUEST', `${field}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/**
 * The worker's internal HTTP interface (packages/contracts/src/worker-rpc.ts): interactive commands
 * for the sessions this worker runs. Every request needs `authorization: Bearer <INTERNAL_TOKEN>`;
 * the token is compared in constant time.
 */
export function buildRpcServer(options: RpcServerOptions) {
  const { manager } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    // Commands are frequent and fast (evaluate p50 target ≤ 15 ms through the API); log failures only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Shutdown closes the listener after every session stopped; open frame streams are cut.
    forceCloseConnections: true,
  });

  const expectedToken = createHash('sha256').update(options.token).digest();
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = createHash('sha256')
      .update(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '')
      .digest();
    if (!header.startsWith('Bearer ') || !timingSafeEqual(given, expectedToken)) {
      return sendError(reply, 401, 'UNAUTHORIZED', 'Missing or wrong internal token.');
    }
  });

  // An empty JSON body (POST …/stop) is an empty object, not a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new WorkerError('INVALID_REQUEST', 'The body is not valid JSON.'), undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => {
    if (isWorkerError(error)) {
      const code = error.code as WorkerRpcErrorCode;
      return sendError(reply, error.status, code, error.message);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return sendError(reply, status, 'INVALID_REQUEST', (error as Error).message);
    }
    request.log.error({ err: error, url: request.url }, 'RPC request failed');
    return sendError(reply, 500, 'INTERNAL', 'The worker failed to run the command.');
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'INVALID_REQUEST', `No RPC route ${request.method} ${request.url}.`),
  );

  app.get('/rpc/health', async () => ({ workerId: options.workerId }));

  app.post<{ Params: { id: string } }>('/rpc/sessions/:id/navigate', async (request) => {
    const session = manager.getSession(request.params.id);
    const body = parse(navigateBodySchema, request.body);
    return { url: await session.navigate(body.url) };
  });

  app.post<{ Params: { id: string } }>('/rpc/sessions/:id/evaluate', async (request) => {
    const session = manager.getSession(request.params.id);
    const body = parse(evaluateBodySchema, request.body);
    const value = await session.evaluate(body.expression);
    return { value: value === undefined ? null : value };
  });

  app.get<{ Params: { id: string } }>('/rpc/sessions/:id/screenshot', async (request, reply) => {
    const session = manager.getSession(request.params.id);
    const query = parse(screenshotQuerySchema, request.query);
    const image = await session.screenshot({ quality: query.quality, fullPage: query.fullPage });
    return reply.header('content-type', 'image/jpeg').header('cache-control', 'no-store').send(image);
  });

  app.post<{ Params: { id: string } }>('/rpc/sessions/:id/stop', async (request) => {
    const status = await manager.stop(request.params.id, 'stopped by user');
    return { status };
  });

  app.get<{ Params: { id: string } }>('/rpc/sessions/:id/frames', (request, reply) => {
    const session = manager.getSession(request.params.id);
    const response = reply.raw;
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      unwatch();
      if (!response.writableEnded) response.end();
    };
    // Throws SESSION_NOT_RUNNING before anything is written, so the client gets a normal error.
    const unwatch = session.watchFrames({
      frame: (frame) => {
        // A slow reader skips frames rather than buffering them without bound.
        if (!open || response.writableNeedDrain) return;
        response.write(`${JSON.stringify(frame)}\n`);
      },
      end,
    });
    reply.hijack();
    response.writeHead(200, {
      'content-type': 'application/x-ndjson',
      'cache-control': 'no-store',
    });
    response.flushHeaders();
    request.raw.on('close', end);
    response.on('close', end);
  });

  return app;
}
