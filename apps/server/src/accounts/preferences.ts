import {
  type UserPreferences,
  updateUserPreferencesSchema,
  userPreferencesSchema,
} from '@fleetwright/contracts';
import { updateUserPreferences } from '@fleetwright/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/**
 * The signed-in user's dashboard language and theme. Rows hold what the API accepted, but a value
 * written by another version is read as "not chosen" rather than failing /me.
 */
export function toUserPreferences(
  row: { locale: string | null; theme: string | null } | undefined,
): UserPreferences {
  const parsed = userPreferencesSchema.safeParse({ locale: row?.locale ?? null, theme: row?.theme ?? null });
  return parsed.success ? parsed.data : { locale: null, theme: null };
}

export const preferenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.patch(
    '/me/preferences',
    {
      // Any member may choose their own language, a VIEWER and someone without an organization too.
      config: { organizationOptional: true, permission: 'read' },
      schema: {
        tags: ['accounts'],
        operationId: 'updateMyPreferences',
        summary: "Change the signed-in user's dashboard language or theme",
        body: updateUserPreferencesSchema,
        response: { 200: userPreferencesSchema },
      },
    },
    async (request) => {
      const principal = request.principal!;
      if (principal.via !== 'userSession' || !principal.userId) {
        throw new AppError('FORBIDDEN', 'Preferences belong to a signed-in user, not to an API key.');
      }
      const row = await updateUserPreferences(app.db, principal.userId, request.body);
      return toUserPreferences(row);
    },
  );
};
