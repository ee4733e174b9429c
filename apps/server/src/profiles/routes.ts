import {
  createProfileSchema,
  errorResponseSchema,
  idParamsSchema,
  paginationQuerySchema,
  profilePageSchema,
  profileSchema,
  updateProfileSchema,
} from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toProfile } from './serializers.ts';
import {
  createProfile,
  deleteProfile,
  findProfile,
  listProfiles,
  type ProfileDeps,
  renameProfile,
} from './service.ts';

const tags = ['profiles'];
/** Another profile of the organization has this name: documented as 409. */
const conflict = { 409: errorResponseSchema };

/**
 * Routes under /api/v1/profiles (issue 12): saved session storage. Every member reads what a
 * profile holds (counts, origins); no answer carries a cookie or a stored value.
 */
export const profileRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps: ProfileDeps = { db: app.db, keyring: app.keyring, audit: app.audit, workers: app.workerClient };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: "The organization's profiles by name (what they hold, never the values)",
        querystring: paginationQuerySchema,
        response: { 200: profilePageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, total } = await listProfiles(deps, request.organizationId, request.query);
      return {
        items: rows.map(toProfile),
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
        summary: "Save a running session's cookies, localStorage and IndexedDB as a profile (5 MiB at most)",
        body: createProfileSchema,
        response: { 201: profileSchema, ...conflict, 413: errorResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await createProfile(deps, request.organizationId, request.body, actorOf(request));
      return reply.status(201).send(toProfile(row));
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One profile (what it holds, never the values)',
        params: idParamsSchema,
        response: { 200: profileSchema, ...errorResponses },
      },
    },
    async (request) => toProfile(await findProfile(deps, key(request))),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Rename a profile',
        params: idParamsSchema,
        body: updateProfileSchema,
        response: { 200: profileSchema, ...conflict, ...errorResponses },
      },
    },
    async (request) => toProfile(await renameProfile(deps, key(request), request.body, actorOf(request))),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a profile (sessions that use it start without it from then on)',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProfile(deps, key(request), actorOf(request));
      return reply.status(204).send(null);
    },
  );
};

function key(request: { organizationId: string; params: { id: string } }) {
  return { organizationId: request.organizationId, id: request.params.id };
}
