import { createHash, timingSafeEqual } from 'node:crypto';
import {
  isWorkerRpcErrorCode,
  MAX_PROFILE_STATE_BYTES,
  type WorkerFrame,
  type WorkerRpcErrorCode,
  type WorkerRpcJson,
  workerRpcErrors,
  workerRpcRoutes,
} from '@fleetwright/contracts';
import type { Logger } from '@fleetwright/logger';
import Fastify, { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { z } from 'zod';
import { isWorkerError, WorkerError } from '../errors.ts';
import { runScriptTest, type ScriptTestDeps } from '../scripts/test-run.ts';
import type { SessionManager } from '../sessions/session-manager.ts';

export interface RpcServerOptions {
  manager: SessionManager;
  workerId: string;
  /** INTERNAL_TOKEN shared with the server. */
  token: string;
  logger: Logger;
  /** What script test runs need (issue 11). */
  scriptTests: ScriptTestDeps;
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
      const { status, message } = workerRpcErrors.UNAUTHORIZED;
      return sendError(reply, status, 'UNAUTHORIZED', message);
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
    if (isWorkerError(error) && isWorkerRpcErrorCode(error.code)) {
      return sendError(reply, error.status, error.code, error.message);
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

  const routes = workerRpcRoutes;
  type SessionRequest = FastifyRequest<{ Params: { id: string } }>;

  app.route({
    method: routes.health.method,
    url: routes.health.path,
    handler: async (): Promise<WorkerRpcJson<'health'>> => ({ workerId: options.workerId }),
  });

  app.route({
    method: routes.navigate.method,
    url: routes.navigate.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'navigate'>> => {
      const session = manager.getSession(request.params.id);
      const body = parse(routes.navigate.body, request.body);
      return { url: await session.navigate(body.url) };
    },
  });

  app.route({
    method: routes.evaluate.method,
    url: routes.evaluate.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'evaluate'>> => {
      const session = manager.getSession(request.params.id);
      const body = parse(routes.evaluate.body, request.body);
      const value = await session.evaluate(body.expression);
      return { value: value === undefined ? null : value };
    },
  });

  app.route({
    method: routes.screenshot.method,
    url: routes.screenshot.path,
    handler: async (request: SessionRequest, reply) => {
      const session = manager.getSession(request.params.id);
      const query = parse(routes.screenshot.query, request.query);
      const image = await session.screenshot(query);
      return reply
        .header('content-type', query.format === 'png' ? 'image/png' : routes.screenshot.response.type)
        .header('cache-control', 'no-store')
        .send(image);
    },
  });

  app.route({
    method: routes.snapshot.method,
    url: routes.snapshot.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'snapshot'>> =>
      manager.getSession(request.params.id).snapshot(),
  });

  app.route({
    method: routes.click.method,
    url: routes.click.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'click'>> => {
      const session = manager.getSession(request.params.id);
      return session.click(parse(routes.click.body, request.body).ref);
    },
  });

  app.route({
    method: routes.type.method,
    url: routes.type.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'type'>> => {
      const session = manager.getSession(request.params.id);
      return session.type(parse(routes.type.body, request.body));
    },
  });

  app.route({
    method: routes.stop.method,
    url: routes.stop.path,
    handler: async (request: SessionRequest): Promise<WorkerRpcJson<'stop'>> => ({
      status: await manager.stop(request.params.id, 'stopped by user'),
    }),
  });

  app.route({
    method: routes.storageState.method,
    url: routes.storageState.path,
    handler: async (request: SessionRequest, reply) => {
      const state = await manager.getSession(request.params.id).storageState();
      // Measured here, so a state too large for a profile never crosses to the server whole.
      const json = JSON.stringify(state satisfies WorkerRpcJson<'storageState'>);
      if (Buffer.byteLength(json) > MAX_PROFILE_STATE_BYTES) {
        throw new WorkerError(
          'STORAGE_STATE_TOO_LARGE',
          `The session's storage is ${Buffer.byteLength(json)} bytes; a profile holds at most ${MAX_PROFILE_STATE_BYTES} (5 MiB).`,
        );
      }
      return reply.header('content-type', routes.storageState.response.type).send(json);
    },
  });

  app.route({
    method: routes.testScript.method,
    url: routes.testScript.path,
    handler: async (request): Promise<WorkerRpcJson<'testScript'>> =>
      runScriptTest(options.scriptTests, parse(routes.testScript.body, request.body)),
  });

  app.route({
    method: routes.frames.method,
    url: routes.frames.path,
    handler: (request: SessionRequest, reply) => {
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
          response.write(`${JSON.stringify(frame satisfies WorkerFrame)}\n`);
        },
        end,
      });
      reply.hijack();
      response.writeHead(200, {
        'content-type': routes.frames.response.type,
        'cache-control': 'no-store',
      });
      response.flushHeaders();
      request.raw.on('close', end);
      response.on('close', end);
    },
  });

  return app;
}
