import {
  createScriptSchema,
  idParamsSchema,
  listScriptsQuerySchema,
  paginationQuerySchema,
  scriptDiffQuerySchema,
  scriptDiffSchema,
  scriptPageSchema,
  scriptSchema,
  scriptTemplateListSchema,
  scriptTemplates,
  scriptTestResultSchema,
  scriptVersionPageSchema,
  scriptVersionParamsSchema,
  scriptVersionSchema,
  testInlineScriptBodySchema,
  testScriptBodySchema,
  updateScriptSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { setPublished } from './marketplace.ts';
import { toScript, toScriptSummary, toScriptVersion, toScriptVersionSummary } from './serializers.ts';
import {
  createScript,
  deleteScript,
  diffVersions,
  findScript,
  findVersion,
  listScripts,
  listVersions,
  restoreVersion,
  type ScriptDeps,
  updateScript,
} from './service.ts';
import { type ScriptTestDeps, testInlineScript, testSavedScript } from './test-run.ts';

const tags = ['scripts'];

/** Routes under /api/v1/scripts: the library and its versions. */
export const scriptRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ScriptDeps = { db: app.db, audit: app.audit };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The organization's scripts, the latest changed first; `q` searches name and description",
        querystring: listScriptsQuerySchema,
        response: { 200: scriptPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listScripts(deps, request.organizationId, request.query);
      return {
        items: rows.map(toScriptSummary),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/templates',
    {
      schema: {
        tags,
        summary:
          'Templates to start from: cookie banners, tables to JSON, Web Vitals, broken links, axe-core audit, text assertion, page weight, full-page screenshot (a flow)',
        operationId: 'listScriptTemplates',
        response: { 200: scriptTemplateListSchema, ...errorResponses },
      },
    },
    async () => ({ items: [...scriptTemplates] }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Add a script (its version 1)',
        body: createScriptSchema,
        response: { 201: scriptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createScript(deps, request.organizationId, request.body, actorOf(request));
      return reply.status(201).send(toScript(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One script with its latest source',
        params: idParamsSchema,
        response: { 200: scriptSchema, ...errorResponses },
      },
    },
    async (request) => toScript(await findScript(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Edit a script; a new `source` or `libraries` saves a new version',
        params: idParamsSchema,
        body: updateScriptSchema,
        response: { 200: scriptSchema, ...errorResponses },
      },
    },
    async (request) => toScript(await updateScript(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a script and all its versions',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteScript(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/:id/versions',
    {
      schema: {
        tags,
        summary: "A script's versions, newest first (without their source)",
        params: idParamsSchema,
        querystring: paginationQuerySchema,
        response: { 200: scriptVersionPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listVersions(deps, key(request), request.query);
      return {
        items: rows.map(toScriptVersionSummary),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/:id/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version with its source',
        params: scriptVersionParamsSchema,
        response: { 200: scriptVersionSchema, ...errorResponses },
      },
    },
    async (request) => toScriptVersion(await findVersion(deps, key(request), request.params.version)),
  );

  app.get(
    '/:id/diff',
    {
      schema: {
        tags,
        summary: 'How version `to` differs from version `from`: a unified patch and structured hunks',
        params: idParamsSchema,
        querystring: scriptDiffQuerySchema,
        response: { 200: scriptDiffSchema, ...errorResponses },
      },
    },
    async (request) => diffVersions(deps, key(request), request.query.from, request.query.to),
  );

  for (const [action, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(
      `/:id/${action}`,
      {
        schema: {
          tags,
          summary: published
            ? 'Publish to the marketplace: any signed-in user may read, fork and rate it'
            : 'Withdraw from the marketplace (forks made stay)',
          operationId: `${action}Script`,
          params: idParamsSchema,
          response: { 200: scriptSchema, ...errorResponses },
        },
      },
      async (request) => toScript(await setPublished(deps, key(request), published, actorOf(request))),
    );
  }

  app.post(
    '/:id/versions/:version/restore',
    {
      schema: {
        tags,
        summary: 'Roll back: the version becomes a new latest version (history is kept)',
        params: scriptVersionParamsSchema,
        response: { 200: scriptSchema, ...errorResponses },
      },
    },
    async (request) =>
      toScript(await restoreVersion(deps, key(request), request.params.version, actorOf(request))),
  );
};

/**
 * Test runs: the answer is 200 with `timedOut` / `truncated` when a cap was hit and `errors` when
 * the page or the script failed; 503 NO_WORKER_AVAILABLE when no worker can take it.
 */
const testRunSummary =
  'on a throwaway browser context behind the egress guard: value, console, errors, screenshot; time and output capped';

export const scriptTestRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ScriptTestDeps = {
    db: app.db,
    audit: app.audit,
    targets: app.targets,
    workers: app.workerClient,
  };

  app.post(
    '/test',
    {
      schema: {
        tags,
        summary: `Run a source not saved yet against a URL, ${testRunSummary}`,
        operationId: 'testInlineScript',
        body: testInlineScriptBodySchema,
        response: { 200: scriptTestResultSchema, ...errorResponses },
      },
    },
    async (request) => testInlineScript(deps, request.organizationId, request.body),
  );

  app.post(
    '/:id/test',
    {
      schema: {
        tags,
        summary: `Run a script (its latest or a given version) against a URL, ${testRunSummary}`,
        operationId: 'testScript',
        params: idParamsSchema,
        body: testScriptBodySchema,
        response: { 200: scriptTestResultSchema, ...errorResponses },
      },
    },
    async (request) => testSavedScript(deps, key(request), request.body),
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
