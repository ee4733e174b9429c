import {
  batchNavigateBodySchema,
  batchProxyBodySchema,
  batchResultSchema,
  batchSelectionSchema,
  createSessionBodySchema,
  errorResponseSchema,
  evaluateBodySchema,
  evaluateResponseSchema,
  idParamsSchema,
  listSessionLogsQuerySchema,
  listSessionMetricsQuerySchema,
  listSessionsQuerySchema,
  navigateBodySchema,
  navigateResponseSchema,
  screenshotQuerySchema,
  sessionLogPageSchema,
  sessionMetricListSchema,
  sessionPageSchema,
  sessionSchema,
  updateSessionBodySchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { runBatch } from './batch.ts';
import { evaluateSession, listLogs, listMetrics, navigateSession, screenshotSession } from './commands.ts';
import { toSession } from './serializers.ts';
import {
  createSession,
  deleteSession,
  findSession,
  listSessions,
  restartSession,
  type SessionDeps,
  startSession,
  stopSession,
  updateSession,
} from './service.ts';

const tags = ['sessions'];
/** The session's status does not allow this now (SESSION_ALREADY_ACTIVE, SESSION_NOT_RUNNING): documented as 409. */
const conflict = { 409: errorResponseSchema };

/** Routes under /api/v1/sessions: validate through the contracts, call one service function, map the result. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: SessionDeps = {
    db: app.db,
    pool: app.pool,
    boss: app.boss,
    events: app.events,
    workers: app.workerClient,
    targets: app.targets,
    keyring: app.keyring,
  };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List sessions, newest first, filtered by status, tag or a name search',
        querystring: listSessionsQuerySchema,
        response: { 200: sessionPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listSessions(deps, request.organizationId, request.query);
      return {
        items: rows.map(toSession),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create a session; it starts right away unless autoStart is false',
        body: createSessionBodySchema,
        response: { 201: sessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createSession(deps, request.organizationId, request.body);
      return reply.status(201).send(toSession(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One session',
        params: idParamsSchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => toSession(await findSession(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary:
          'Change settings; they apply from the next start, except the proxy: a running session restarts behind the new one',
        params: idParamsSchema,
        body: updateSessionBodySchema,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => toSession(await updateSession(deps, key(request), request.body)),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a session, stopping it first if it is active',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSession(deps, key(request), (db, deleted) =>
        app.audit.write(db, actorOf(request), {
          action: 'session.deleted',
          organizationId: request.organizationId,
          targetType: 'session',
          targetId: deleted.id,
          details: { name: deleted.name, startUrl: deleted.startUrl },
        }),
      );
      return reply.status(204).send(null);
    },
  );

  const lifecycle = { start: startSession, stop: stopSession, restart: restartSession } as const;
  for (const [action, run] of Object.entries(lifecycle)) {
    app.post(
      `/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} a session`,
          params: idParamsSchema,
          // Stopping is idempotent; starting an active session is a conflict.
          response: { 200: sessionSchema, ...(action === 'stop' ? {} : conflict), ...errorResponses },
        },
      },
      async (request) => toSession(await run(deps, key(request))),
    );
  }

  app.post(
    '/:id/navigate',
    {
      schema: {
        tags,
        summary: 'Load a URL in the running page',
        params: idParamsSchema,
        body: navigateBodySchema,
        response: { 200: navigateResponseSchema, ...conflict, ...errorResponses },
      },
    },
    async (request) => navigateSession(deps, key(request), request.body.url),
  );

  app.post(
    '/:id/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate a JavaScript expression in the running page',
        params: idParamsSchema,
        body: evaluateBodySchema,
        response: { 200: evaluateResponseSchema, ...conflict, ...errorResponses },
      },
    },
    async (request) => evaluateSession(deps, key(request), request.body.expression),
  );

  app.get(
    '/:id/screenshot',
    {
      schema: {
        tags,
        summary: 'The running page as a JPEG',
        params: idParamsSchema,
        querystring: screenshotQuerySchema,
        response: {
          200: {
            description: 'JPEG image',
            content: { 'image/jpeg': { schema: z.string().meta({ format: 'binary' }) } },
          },
          ...conflict,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const jpeg = await screenshotSession(deps, key(request), request.query);
      // A Buffer bypasses the serializer; the schema above only documents the body as binary.
      return reply
        .type('image/jpeg')
        .header('cache-control', 'no-store')
        .send(jpeg as unknown as string);
    },
  );

  app.get(
    '/:id/logs',
    {
      schema: {
        tags,
        summary: 'Log lines, newest first',
        params: idParamsSchema,
        querystring: listSessionLogsQuerySchema,
        response: { 200: sessionLogPageSchema, ...errorResponses },
      },
    },
    async (request) => listLogs(deps, key(request), request.query),
  );

  app.get(
    '/:id/metrics',
    {
      schema: {
        tags,
        summary: 'Metric samples in time order (1-minute averages for older ones)',
        params: idParamsSchema,
        querystring: listSessionMetricsQuerySchema,
        response: { 200: sessionMetricListSchema, ...errorResponses },
      },
    },
    async (request) => listMetrics(deps, key(request), request.query),
  );

  const batchResponse = { 200: batchResultSchema, ...errorResponses };
  app.post(
    '/batch/start',
    {
      schema: { tags, summary: 'Start many sessions', body: batchSelectionSchema, response: batchResponse },
    },
    async (request) =>
      runBatch(
        deps,
        request.organizationId,
        request.body,
        (target) => startSession(deps, target),
        request.log,
      ),
  );
  app.post(
    '/batch/stop',
    { schema: { tags, summary: 'Stop many sessions', body: batchSelectionSchema, response: batchResponse } },
    async (request) =>
      runBatch(
        deps,
        request.organizationId,
        request.body,
        (target) => stopSession(deps, target),
        request.log,
      ),
  );
  app.post(
    '/batch/proxy',
    {
      schema: {
        tags,
        summary: 'Give many sessions a pool proxy by strategy (or one proxy); running ones restart behind it',
        body: batchProxyBodySchema,
        response: batchResponse,
      },
    },
    async (request) => {
      const { proxy, proxyRotation } = request.body;
      return runBatch(
        deps,
        request.organizationId,
        request.body,
        async (target) => {
          const row = await updateSession(deps, target, {
            proxy,
            ...(proxyRotation ? { proxyRotation } : {}),
          });
          return { status: row.status };
        },
        request.log,
      );
    },
  );
  app.post(
    '/batch/navigate',
    {
      schema: {
        tags,
        summary: 'Load a URL in many running pages',
        body: batchNavigateBodySchema,
        response: batchResponse,
      },
    },
    async (request) => {
      // Once for the whole batch: a refused URL is bad input, not a per-session failure.
      await deps.targets.check(request.body.url, 'url', request.organizationId);
      return runBatch(
        deps,
        request.organizationId,
        request.body,
        async (target, row) => {
          await navigateSession(deps, target, request.body.url, { targetChecked: true });
          return { status: row.status };
        },
        request.log,
      );
    },
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
