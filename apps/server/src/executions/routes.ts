import { Readable } from 'node:stream';
import {
  executionDataQuerySchema,
  executionDataRowSchema,
  executionDetailSchema,
  executionPageSchema,
  executionSchema,
  idParamsSchema,
  idSchema,
  listExecutionsQuerySchema,
  listSessionLogsQuerySchema,
  sessionLogPageSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toSessionLog } from '../sessions/serializers.ts';
import { executionDataCsv, executionDataRows } from './data.ts';
import { toExecution, toExecutionResult } from './serializers.ts';
import {
  cancelExecution,
  type ExecutionDeps,
  findExecutionDetail,
  listExecutionLogs,
  listExecutionResultRows,
  listExecutions,
  openArtifact,
} from './service.ts';

const tags = ['executions'];

const executionDataSchema = z
  .array(executionDataRowSchema)
  .describe('One row per result (session); with format=csv, text/csv with one column per data name');

/** Routes under /api/v1/executions: every run of the organization's jobs, their results, data, artifacts and logs. */
export const executionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ExecutionDeps = {
    db: app.db,
    pool: app.pool,
    boss: app.boss,
    audit: app.audit,
    events: app.events,
    blobs: app.blobs,
  };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Run history, newest first, filtered by job, status, trigger and creation time',
        querystring: listExecutionsQuerySchema,
        response: { 200: executionPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listExecutions(deps, request.organizationId, request.query);
      return {
        items: rows.map(toExecution),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One execution with its per-session results and their artifacts',
        params: idParamsSchema,
        response: { 200: executionDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { row, results, artifacts } = await findExecutionDetail(deps, key(request));
      return { ...toExecution(row), results: results.map((result) => toExecutionResult(result, artifacts)) };
    },
  );

  app.get(
    '/:id/data',
    {
      schema: {
        tags,
        summary: 'What every session extracted, one row per result: JSON, or CSV (nested values as JSON)',
        operationId: 'getExecutionData',
        params: idParamsSchema,
        querystring: executionDataQuerySchema,
        response: { 200: executionDataSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const results = await listExecutionResultRows(deps, key(request));
      if (request.query.format === 'json') return executionDataRows(results);
      // A stream is sent as it is: the route's JSON serializer does not apply to it.
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="execution-${request.params.id}.csv"`)
        .send(Readable.from([executionDataCsv(results)]) as never);
    },
  );

  app.get(
    '/:id/artifacts/:artifactId',
    {
      schema: {
        tags,
        summary: 'Download an artifact (a screenshot PNG, a Playwright trace zip), with its content type',
        operationId: 'getExecutionArtifact',
        params: idParamsSchema.extend({ artifactId: idSchema }),
        response: { 200: z.any().describe("The artifact's bytes"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, blob } = await openArtifact(deps, key(request), request.params.artifactId);
      const extension = row.kind === 'trace' ? 'zip' : row.contentType === 'image/png' ? 'png' : 'bin';
      return reply
        .type(blob.contentType)
        .header('content-length', blob.sizeBytes)
        .header('content-disposition', `attachment; filename="${row.id}.${extension}"`)
        .send(blob.body as never);
    },
  );

  app.get(
    '/:id/logs',
    {
      schema: {
        tags,
        summary: "The log lines of the execution's sessions, newest first",
        operationId: 'listExecutionLogs',
        params: idParamsSchema,
        querystring: listSessionLogsQuerySchema,
        response: { 200: sessionLogPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listExecutionLogs(deps, key(request), request.query);
      return {
        items: rows.map(toSessionLog),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags,
        summary:
          'Cancel: a QUEUED execution is CANCELLED at once; a RUNNING one is aborted by its worker, which stops its sessions',
        operationId: 'cancelExecution',
        params: idParamsSchema,
        response: { 202: executionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(toExecution(await cancelExecution(deps, key(request), actorOf(request)))),
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
