import {
  createSecretSchema,
  errorResponseSchema,
  idParamsSchema,
  paginationQuerySchema,
  secretPageSchema,
  secretSchema,
  updateSecretSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toSecret } from './serializers.ts';
import {
  createSecret,
  deleteSecret,
  findSecret,
  listSecrets,
  type SecretDeps,
  updateSecret,
} from './service.ts';

const tags = ['secrets'];
/** Another secret of the organization has this name: documented as 409. */
const conflict = { 409: errorResponseSchema };

/**
 * Routes under /api/v1/secrets (issue 11): names are readable by every member, values are
 * write-only (POST and PATCH take them; no answer carries them).
 */
export const secretRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: SecretDeps = { db: app.db, keyring: app.keyring, audit: app.audit };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The organization's secrets by name (never their values)",
        querystring: paginationQuerySchema,
        response: { 200: secretPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listSecrets(deps, request.organizationId, request.query);
      return { items: rows.map(toSecret), total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Add a secret, used in flows as {{secrets.NAME}} (the value is write-only)',
        body: createSecretSchema,
        response: { 201: secretSchema, ...conflict, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createSecret(deps, request.organizationId, request.body, actorOf(request));
      return reply.status(201).send(toSecret(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One secret (its name, never its value)',
        params: idParamsSchema,
        response: { 200: secretSchema, ...errorResponses },
      },
    },
    async (request) => toSecret(await findSecret(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Rename a secret or replace its value',
        params: idParamsSchema,
        body: updateSecretSchema,
        response: { 200: secretSchema, ...conflict, ...errorResponses },
      },
    },
    async (request) => toSecret(await updateSecret(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a secret',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteSecret(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
