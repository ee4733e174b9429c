import {
  idParamsSchema,
  mailListSchema,
  organizationListSchema,
  organizationSettingsSchema,
  updateOrganizationPlanSchema,
} from '@fleetwright/contracts';
import { listMails, listOrganizations, updateOrganization } from '@fleetwright/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit-logs/service.ts';
import { AppError, errorResponses } from '../errors.ts';
import { toOrganizationSettings } from '../organizations/serializers.ts';
import { findOrganization } from '../organizations/service.ts';

const tags = ['admin'];

/** /api/v1/admin: platform administrators only (the first account, and whom it promotes). */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/organizations',
    {
      config: { platformAdmin: true },
      schema: {
        tags,
        summary: 'Every organization with its plan',
        response: { 200: organizationListSchema, ...errorResponses },
      },
    },
    async () => ({ items: (await listOrganizations(app.db)).map(toOrganizationSettings) }),
  );

  app.patch(
    '/organizations/:id',
    {
      config: { platformAdmin: true },
      schema: {
        tags,
        summary: "Set an organization's plan, quota overrides and private targets",
        params: idParamsSchema,
        body: updateOrganizationPlanSchema,
        response: { 200: organizationSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { privateTargets, ...plan } = request.body;
      // Lower-cased by the schema; a duplicate adds nothing.
      const changes = { ...plan, privateTargets: privateTargets && [...new Set(privateTargets)] };
      const row = await app.audit.change(actorOf(request), async (db) => {
        const before = await findOrganization(db, request.params.id);
        const row = await updateOrganization(db, request.params.id, changes);
        if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
        // Its own entry, when the list changed: it opens the organization's way into private networks.
        if (
          privateTargets !== undefined &&
          before.privateTargets.join('\n') !== row.privateTargets.join('\n')
        ) {
          await app.audit.write(db, actorOf(request), {
            action: 'organization.private_targets_changed',
            organizationId: row.id,
            targetType: 'organization',
            targetId: row.id,
            details: { before: before.privateTargets, after: row.privateTargets },
          });
        }
        // An empty change changes nothing, and leaves nothing to audit.
        const unchanged = Object.values(plan).every((value) => value === undefined);
        return {
          result: row,
          entry: unchanged
            ? null
            : {
                action: 'organization.plan_changed',
                organizationId: row.id,
                targetType: 'organization',
                targetId: row.id,
                details: {
                  before: { plan: before.plan, quotaOverrides: before.quotaOverrides },
                  changes: plan,
                },
              },
        };
      });
      return toOrganizationSettings(row);
    },
  );

  app.get(
    '/mails',
    {
      config: { platformAdmin: true },
      schema: {
        tags,
        summary: 'Recent platform mails; without SMTP_URL they wait here (OUTBOX)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: mailListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listMails(app.db, request.query.limit)).map((mail) => ({
        id: mail.id,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        status: mail.status,
        error: mail.error,
        createdAt: mail.createdAt.toISOString(),
      })),
    }),
  );
};
