import { z } from 'zod';
import { idSchema } from './common.ts';
import { userPreferencesSchema } from './preferences.ts';

/**
 * Roles in an organization. VIEWER reads; USER also manages the organization's sessions, proxies,
 * scripts and jobs; ADMIN also members, API keys, webhooks, settings and the audit log.
 */
export const memberRoles = ['ADMIN', 'USER', 'VIEWER'] as const;
export const memberRoleSchema = z.enum(memberRoles);
export type MemberRole = z.infer<typeof memberRoleSchema>;

/** What a request may do, from the least to the most. A role or an API key grants a set of these. */
export const permissions = ['read', 'write', 'admin'] as const;
export type Permission = (typeof permissions)[number];

/** The permissions a role grants. */
export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  VIEWER: ['read'],
  USER: ['read', 'write'],
  ADMIN: ['read', 'write', 'admin'],
};

export const organizationPlans = ['FREE', 'PRO', 'ENTERPRISE'] as const;
export const organizationPlanSchema = z.enum(organizationPlans);
export type OrganizationPlan = z.infer<typeof organizationPlanSchema>;

/** GET /api/v1/me: who the caller is and what it acts for. */
export const meSchema = z.object({
  user: z
    .object({
      id: idSchema,
      name: z.string(),
      email: z.string(),
      emailVerified: z.boolean(),
      twoFactorEnabled: z.boolean(),
      isAdmin: z.boolean(),
    })
    .nullable()
    .describe('Null when the caller is an API key.'),
  organization: z
    .object({
      id: idSchema,
      name: z.string(),
      slug: z.string(),
      plan: organizationPlanSchema,
    })
    .nullable()
    .describe('Null for a user who belongs to no organization yet.'),
  role: memberRoleSchema.nullable().describe('The member role; null for an API key.'),
  permissions: z.array(z.enum(permissions)),
  via: z.enum(['userSession', 'apiKey']),
  /** The user's dashboard language and theme; null for an API key. */
  preferences: userPreferencesSchema.nullable(),
  /** Send as `x-csrf-token` on changes made with the session cookie; null for API keys. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

/** GET /api/v1/auth/options (public): what the sign-in and sign-up pages offer. */
export const authOptionsSchema = z.object({
  /** No account exists yet: the first one is created through the setup link. */
  needsSetup: z.boolean(),
  signupMode: z.enum(['invite', 'open']),
  /** OAuth / OIDC providers to show as buttons; `id` goes to POST /api/auth/sign-in/social. */
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Mails are kept in the outbox (no SMTP): tell people to ask an administrator for their link. */
  mailOutbox: z.boolean(),
});
export type AuthOptions = z.infer<typeof authOptionsSchema>;
