import {
  createProxyProviderSchema,
  errorResponseSchema,
  idParamsSchema,
  paginationQuerySchema,
  proxyProviderPageSchema,
  proxyProviderPresetInfos,
  proxyProviderPresetsSchema,
  proxyProviderSchema,
  updateProxyProviderSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toProxyProvider } from './serializers.ts';
import {
  createProxyProvider,
  deleteProxyProvider,
  findProxyProvider,
  listProxyProviders,
  type ProxyProviderDeps,
  updateProxyProvider,
} from './service.ts';

const tags = ['proxy-providers'];
/** Another entry of the organization has this name: documented as 409. */
const conflict = { 409: errorResponseSchema };

/** Routes under /api/v1/proxy-providers: validate through the contracts, call one service function, map the result. */
export const proxyProviderRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ProxyProviderDeps = {
    db: app.db,
    keyring: app.keyring,
    audit: app.audit,
    targets: app.targets,
  };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The organization's provider entries, by name",
        querystring: paginationQuerySchema,
        response: { 200: proxyProviderPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listProxyProviders(deps, request.organizationId, request.query);
      return {
        items: rows.map(toProxyProvider),
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
      };
    },
  );

  app.get(
    '/presets',
    {
      schema: {
        tags,
        summary:
          'The providers an entry can be for: default gateway, whether a zone is needed, sticky exits, countries',
        operationId: 'listProxyProviderPresets',
        response: { 200: proxyProviderPresetsSchema, ...errorResponses },
      },
    },
    async () => ({ items: proxyProviderPresetInfos() }),
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Add a provider entry (the password is write-only)',
        body: createProxyProviderSchema,
        response: { 201: proxyProviderSchema, ...conflict, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createProxyProvider(deps, request.organizationId, request.body, actorOf(request));
      return reply.status(201).send(toProxyProvider(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One provider entry',
        params: idParamsSchema,
        response: { 200: proxyProviderSchema, ...errorResponses },
      },
    },
    async (request) => toProxyProvider(await findProxyProvider(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Change a provider entry (not its kind); a new password replaces the old one',
        params: idParamsSchema,
        body: updateProxyProviderSchema,
        response: { 200: proxyProviderSchema, ...conflict, ...errorResponses },
      },
    },
    async (request) =>
      toProxyProvider(await updateProxyProvider(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a provider entry',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProxyProvider(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
