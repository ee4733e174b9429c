import {
  batchNavigateBodySchema,
  batchResultSchema,
  batchSelectionSchema,
  createInstanceBodySchema,
  evaluateBodySchema,
  evaluateResponseSchema,
  idParamsSchema,
  instanceLogPageSchema,
  instanceMetricListSchema,
  instancePageSchema,
  instanceSchema,
  listInstanceLogsQuerySchema,
  listInstanceMetricsQuerySchema,
  listInstancesQuerySchema,
  navigateBodySchema,
  navigateResponseSchema,
  screenshotQuerySchema,
  updateInstanceBodySchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../audit-logs.ts';
import { errorResponses } from '../../errors.ts';
import { runBatch } from './batch.ts';
import { evaluateInstance, listLogs, listMetrics, navigateInstance, screenshotInstance } from './commands.ts';
import { toInstance } from './serialize.ts';
import {
  createInstance,
  deleteInstance,
  findInstance,
  type InstanceDeps,
  listInstances,
  restartInstance,
  startInstance,
  stopInstance,
  updateInstance,
} from './service.ts';

const tags = ['instances'];

/** Routes under /api/v1/instances: validate through the contracts, call one service function, map the result. */
export const instanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: InstanceDeps = {
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
        summary: 'List instances, newest first, filtered by status, tag or a name search',
        querystring: listInstancesQuerySchema,
        response: { 200: instancePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listInstances(deps, request.organizationId, request.query);
      return {
        items: rows.map(toInstance),
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
        summary: 'Create an instance; it starts right away unless autoStart is false',
        body: createInstanceBodySchema,
        response: { 201: instanceSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createInstance(deps, request.organizationId, request.body);
      return reply.status(201).send(toInstance(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One instance',
        params: idParamsSchema,
        response: { 200: instanceSchema, ...errorResponses },
      },
    },
    async (request) => toInstance(await findInstance(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change settings; they apply from the next start',
        params: idParamsSchema,
        body: updateInstanceBodySchema,
        response: { 200: instanceSchema, ...errorResponses },
      },
    },
    async (request) => toInstance(await updateInstance(deps, key(request), request.body)),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete an instance, stopping it first if it is active',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const deleted = await deleteInstance(deps, key(request));
      await app.audit.record(actorOf(request), {
        action: 'instance.deleted',
        organizationId: request.organizationId,
        targetType: 'instance',
        targetId: deleted.id,
        details: { name: deleted.name, startUrl: deleted.startUrl },
      });
      return reply.status(204).send(null);
    },
  );

  const lifecycle = { start: startInstance, stop: stopInstance, restart: restartInstance } as const;
  for (const [action, run] of Object.entries(lifecycle)) {
    app.post(
      `/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} an instance`,
          params: idParamsSchema,
          response: { 200: instanceSchema, ...errorResponses },
        },
      },
      async (request) => toInstance(await run(deps, key(request))),
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
        response: { 200: navigateResponseSchema, ...errorResponses },
      },
    },
    async (request) => navigateInstance(deps, key(request), request.body.url),
  );

  app.post(
    '/:id/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate a JavaScript expression in the running page',
        params: idParamsSchema,
        body: evaluateBodySchema,
        response: { 200: evaluateResponseSchema, ...errorResponses },
      },
    },
    async (request) => evaluateInstance(deps, key(request), request.body.expression),
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
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const jpeg = await screenshotInstance(deps, key(request), request.query);
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
        querystring: listInstanceLogsQuerySchema,
        response: { 200: instanceLogPageSchema, ...errorResponses },
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
        querystring: listInstanceMetricsQuerySchema,
        response: { 200: instanceMetricListSchema, ...errorResponses },
      },
    },
    async (request) => listMetrics(deps, key(request), request.query),
  );

  const batchResponse = { 200: batchResultSchema, ...errorResponses };
  app.post(
    '/batch/start',
    {
      schema: { tags, summary: 'Start many instances', body: batchSelectionSchema, response: batchResponse },
    },
    async (request) =>
      runBatch(
        deps,
        request.organizationId,
        request.body,
        (target) => startInstance(deps, target),
        request.log,
      ),
  );
  app.post(
    '/batch/stop',
    { schema: { tags, summary: 'Stop many instances', body: batchSelectionSchema, response: batchResponse } },
    async (request) =>
      runBatch(
        deps,
        request.organizationId,
        request.body,
        (target) => stopInstance(deps, target),
        request.log,
      ),
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
      // Once for the whole batch: a refused URL is bad input, not a per-instance failure.
      await deps.targets.check(request.body.url, 'url');
      return runBatch(
        deps,
        request.organizationId,
        request.body,
        async (target, row) => {
          await navigateInstance(deps, target, request.body.url, { targetChecked: true });
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
