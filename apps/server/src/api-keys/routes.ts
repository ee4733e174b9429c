import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeySchema,
  createdApiKeySchema,
  idParamsSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toApiKey } from './serializers.ts';
import { createApiKey, listOrganizationApiKeys, revokeOrganizationApiKey } from './service.ts';

const tags = ['api-keys'];

/** Routes under /api/v1/api-keys: administrators only. */
export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      config: { permission: 'admin' },
      schema: {
        tags,
        summary: "The organization's API keys (never the keys themselves)",
        response: { 200: apiKeyListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listOrganizationApiKeys(app.db, request.organizationId)).map(toApiKey),
    }),
  );

  app.post(
    '/',
    {
      config: { permission: 'admin' },
      schema: {
        tags,
        summary: 'Create an API key; the answer is the only time the key is shown',
        body: createApiKeySchema,
        response: { 201: createdApiKeySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, key } = await app.audit.change(actorOf(request), async (db) => {
        const created = await createApiKey(db, request.principal!, request.body);
        const { row } = created;
        return {
          result: created,
          entry: {
            action: 'api_key.created',
            organizationId: request.organizationId,
            targetType: 'api_key',
            targetId: row.id,
            details: { name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: row.expiresAt },
          },
        };
      });
      return reply.status(201).send({ ...toApiKey(row), key });
    },
  );

  app.delete(
    '/:id',
    {
      config: { permission: 'admin' },
      schema: {
        tags,
        summary: 'Revoke an API key; it stops working at once',
        params: idParamsSchema,
        response: { 200: apiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await app.audit.change(actorOf(request), async (db) => {
        const row = await revokeOrganizationApiKey(db, {
          organizationId: request.organizationId,
          id: request.params.id,
        });
        return {
          result: row,
          entry: {
            action: 'api_key.revoked',
            organizationId: request.organizationId,
            targetType: 'api_key',
            targetId: row.id,
            details: { name: row.name, prefix: row.prefix },
          },
        };
      });
      // After the commit: a rolled-back revocation leaves the key working, cached or not.
      app.principals.forgetApiKey(row.id);
      return toApiKey(row);
    },
  );
};
