import { blobKey } from '@fleetwright/blobs';
import {
  createJobBodySchema,
  executionSchema,
  idParamsSchema,
  jobPageSchema,
  jobSchema,
  listJobsQuerySchema,
  schedulePreviewQuerySchema,
  schedulePreviewSchema,
  updateJobBodySchema,
} from '@fleetwright/contracts';
import { toExecution } from '@fleetwright/events';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import type { ScriptExists } from './scripts.ts';
import { toJob } from './serializers.ts';
import {
  createJob,
  deleteJob,
  findJob,
  type JobDeps,
  lastExecutionOf,
  listJobs,
  previewSchedule,
  runJob,
  setJobPaused,
  updateJob,
} from './service.ts';

const tags = ['jobs'];

/** Routes under /api/v1/jobs: validate through the contracts, call one service function, map the result. */
export const jobRoutes: FastifyPluginAsyncZod<{ scriptExists: ScriptExists }> = async (app, options) => {
  const deps: JobDeps = {
    db: app.db,
    pool: app.pool,
    boss: app.boss,
    audit: app.audit,
    targets: app.targets,
    keyring: app.keyring,
    scriptExists: options.scriptExists,
  };
  const withLast = async (row: Awaited<ReturnType<typeof findJob>>) =>
    toJob(row, await lastExecutionOf(deps, row));

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'List jobs, newest first, filtered by a name search, kind, paused or tag',
        querystring: listJobsQuerySchema,
        response: { 200: jobPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total, last } = await listJobs(deps, request.organizationId, request.query);
      return {
        items: rows.map((row) => toJob(row, last.get(row.id))),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/schedule-preview',
    {
      schema: {
        tags,
        summary:
          'The next runs of a cron schedule in a time zone (UTC instants), as the cron builder shows them',
        operationId: 'previewJobSchedule',
        querystring: schedulePreviewQuerySchema,
        response: { 200: schedulePreviewSchema, ...errorResponses },
      },
    },
    async (request) => ({ runs: previewSchedule(request.query) }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Create a job; a `now` job runs once at once (its execution is queued with it)',
        body: createJobBodySchema,
        response: { 201: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { job, execution } = await createJob(
        deps,
        request.organizationId,
        request.body,
        actorOf(request),
      );
      const last = execution ? { id: execution.id, status: execution.status, finishedAt: null } : undefined;
      return reply.status(201).send(toJob(job, last));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One job',
        params: idParamsSchema,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => withLast(await findJob(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a job; executions already created keep the settings they were created with',
        params: idParamsSchema,
        body: updateJobBodySchema,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => withLast(await updateJob(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a job with its executions, results and artifacts',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { executionIds } = await deleteJob(deps, key(request), actorOf(request));
      for (const id of executionIds) {
        await app.blobs
          .deletePrefix(blobKey('executions', id))
          .catch((error: unknown) =>
            request.log.warn({ err: error, executionId: id }, 'could not delete blobs'),
          );
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:id/run',
    {
      schema: {
        tags,
        summary: 'Run the job now: answers its execution, QUEUED',
        operationId: 'runJob',
        params: idParamsSchema,
        response: { 202: executionSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(202).send(toExecution(await runJob(deps, key(request)))),
  );

  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(
      `/:id/${action}`,
      {
        schema: {
          tags,
          summary: paused
            ? 'Pause the schedule: no run fires until resumed (queued executions still run)'
            : 'Resume the schedule from now',
          operationId: `${action}Job`,
          params: idParamsSchema,
          response: { 200: jobSchema, ...errorResponses },
        },
      },
      async (request) => withLast(await setJobPaused(deps, key(request), paused, actorOf(request))),
    );
  }
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
