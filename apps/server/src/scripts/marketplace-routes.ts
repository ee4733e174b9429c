import {
  idParamsSchema,
  listMarketplaceScriptsQuerySchema,
  marketplaceScriptSchema,
  rateScriptBodySchema,
  scriptPageSchema,
  scriptSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { forkScript, listMarketplace, rateScript, viewMarketplaceScript } from './marketplace.ts';
import { toMarketplaceScript, toScript, toScriptSummary } from './serializers.ts';
import type { ScriptDeps } from './service.ts';

const tags = ['marketplace'];

/** Routes under /api/v1/marketplace/scripts: public scripts of every organization. */
export const marketplaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ScriptDeps = { db: app.db, audit: app.audit };

  app.get(
    '/',
    {
      // Any signed-in user may browse, with or without an organization.
      config: { organizationOptional: true },
      schema: {
        tags,
        summary: 'Public scripts; `q` searches name and description; sorted by downloads, rating or newest',
        operationId: 'listMarketplaceScripts',
        querystring: listMarketplaceScriptsQuerySchema,
        response: { 200: scriptPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listMarketplace(deps, request.query);
      return {
        items: rows.map(toScriptSummary),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/:id',
    {
      config: { organizationOptional: true },
      schema: {
        tags,
        summary:
          "A public script with its latest source (a private one only within its organization) and the caller's own rating",
        operationId: 'getMarketplaceScript',
        params: idParamsSchema,
        response: { 200: marketplaceScriptSchema, ...errorResponses },
      },
    },
    async (request) =>
      toMarketplaceScript(
        await viewMarketplaceScript(
          deps,
          request.organizationId ?? null,
          request.params.id,
          request.principal?.userId ?? null,
        ),
      ),
  );

  app.post(
    '/:id/fork',
    {
      schema: {
        tags,
        summary: "Copy a public script into the caller's organization (its download count goes up)",
        operationId: 'forkMarketplaceScript',
        params: idParamsSchema,
        response: { 201: scriptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await forkScript(deps, request.organizationId, request.params.id, actorOf(request));
      return reply.status(201).send(toScript(row));
    },
  );

  app.put(
    '/:id/rating',
    {
      schema: {
        tags,
        summary: 'Rate a script 1–5; one rating per user, a second replaces the first',
        operationId: 'rateMarketplaceScript',
        params: idParamsSchema,
        body: rateScriptBodySchema,
        response: { 200: marketplaceScriptSchema, ...errorResponses },
      },
    },
    async (request) =>
      toMarketplaceScript(
        await rateScript(
          deps,
          request.organizationId,
          request.params.id,
          request.principal?.userId ?? null,
          request.body.rating,
        ),
      ),
  );
};
