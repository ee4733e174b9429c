import type { Config } from '@fleetwright/config';
import { authOptionsSchema, meSchema } from '@fleetwright/contracts';
import { getOrganization, getUserPreferences, hasAccounts } from '@fleetwright/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { preferenceRoutes, toUserPreferences } from './preferences.ts';

/** Name of the readable cookie that carries the CSRF token for the dashboard's API client. */
export const CSRF_COOKIE = 'fw_csrf';

export const accountRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  app.get(
    '/auth/options',
    {
      config: { public: true },
      schema: {
        tags: ['accounts'],
        operationId: 'getAuthOptions',
        summary: 'What the sign-in page offers (public)',
        response: { 200: authOptionsSchema },
      },
    },
    async () => {
      return {
        needsSetup: !(await hasAccounts(app.db)),
        signupMode: config.SIGNUP_MODE,
        providers: [
          ...(config.GOOGLE_CLIENT_ID ? [{ id: 'google', name: 'Google' }] : []),
          ...(config.GITHUB_CLIENT_ID ? [{ id: 'github', name: 'GitHub' }] : []),
          ...(config.OIDC_ISSUER ? [{ id: 'oidc', name: config.OIDC_NAME }] : []),
        ],
        mailOutbox: !config.SMTP_URL,
      };
    },
  );

  await app.register(preferenceRoutes);

  app.get(
    '/me',
    {
      config: { organizationOptional: true },
      schema: {
        tags: ['accounts'],
        summary: 'Who the caller is, the organization it acts for, and what it may do',
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const organization = principal.organizationId
        ? await getOrganization(app.db, principal.organizationId)
        : undefined;
      if (!organization && principal.via === 'apiKey') throw new AppError('API_KEY_INVALID');
      let csrfToken: string | null = null;
      if (principal.userSessionId) {
        csrfToken = app.principals.csrfToken(principal.userSessionId);
        // Readable by the dashboard's script (not HttpOnly): it is a token to echo, not a credential.
        reply.header('set-cookie', `${CSRF_COOKIE}=${csrfToken}; Path=/; SameSite=Lax`);
      }
      const preferences = principal.user
        ? toUserPreferences(await getUserPreferences(app.db, principal.user.id))
        : null;
      return {
        user: principal.user,
        organization: organization
          ? { id: organization.id, name: organization.name, slug: organization.slug, plan: organization.plan }
          : null,
        role: principal.role,
        permissions: [...principal.permissions],
        via: principal.via,
        preferences,
        csrfToken,
      };
    },
  );
};
