import { organizationSettingsSchema, updateOrganizationSchema } from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../audit-logs/service.ts';
import { errorResponses } from '../errors.ts';
import { toOrganizationSettings } from './serializers.ts';
import { findOrganization, updateOrganizationSettings } from './service.ts';

const tags = ['organization'];

/** /api/v1/organization: the caller's organization, its plan, quotas and target policy. */
export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'The organization: plan, quotas and target policy',
        response: { 200: organizationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => toOrganizationSettings(await findOrganization(app.db, request.organizationId)),
  );

  app.patch(
    '/',
    {
      config: { permission: 'admin' },
      schema: {
        tags,
        summary: 'Rename the organization or change its target policy (ADMIN)',
        body: updateOrganizationSchema,
        response: { 200: organizationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const row = await app.audit.change(actorOf(request), async (db) => {
        const before = toOrganizationSettings(await findOrganization(db, request.organizationId));
        const row = await updateOrganizationSettings(db, request.organizationId, request.body);
        // An empty change changes nothing, and leaves nothing to audit.
        const unchanged = Object.values(request.body).every((value) => value === undefined);
        return {
          result: row,
          entry: unchanged
            ? null
            : {
                action: 'organization.settings_updated',
                organizationId: request.organizationId,
                targetType: 'organization',
                targetId: row.id,
                details: {
                  before: { name: before.name, targetPolicy: before.targetPolicy },
                  changes: request.body,
                },
              },
        };
      });
      return toOrganizationSettings(row);
    },
  );
};
