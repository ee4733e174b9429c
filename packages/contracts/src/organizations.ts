import { z } from 'zod';
import { type OrganizationPlan, organizationPlanSchema } from './accounts.ts';
import { idSchema } from './common.ts';

/** What a plan allows an organization. Proxies and jobs are counted once those features exist. */
export const quotaNames = ['concurrentSessions', 'proxies', 'jobs', 'apiRequestsPerMinute'] as const;
export type QuotaName = (typeof quotaNames)[number];
export type Quotas = Record<QuotaName, number>;

export const planQuotas: Record<OrganizationPlan, Quotas> = {
  FREE: { concurrentSessions: 5, proxies: 5, jobs: 10, apiRequestsPerMinute: 120 },
  PRO: { concurrentSessions: 50, proxies: 100, jobs: 200, apiRequestsPerMinute: 600 },
  ENTERPRISE: { concurrentSessions: 500, proxies: 2000, jobs: 5000, apiRequestsPerMinute: 3000 },
};

const quotaValue = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0)
  .max(1_000_000);

/** Per-organization overrides of the plan's quotas, set by a platform administrator. */
export const quotaOverridesSchema = z
  .object({
    concurrentSessions: quotaValue.optional(),
    proxies: quotaValue.optional(),
    jobs: quotaValue.optional(),
    apiRequestsPerMinute: quotaValue.min(1).optional(),
  })
  .strict();
export type QuotaOverrides = z.infer<typeof quotaOverridesSchema>;

/** A domain as people write it: `example.com`; it also covers every subdomain. */
const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'must be a domain name such as example.com',
  });

/** The organization's target policy, set by its ADMINs. */
export const targetPolicySchema = z
  .object({
    /** Sessions may not start at or navigate to these domains (or their subdomains). */
    blockedDomains: z.array(domainSchema).max(1000).default([]),
    /** At most this many active sessions per site (registrable domain); null = no cap. */
    sessionsPerDomain: z.number().int().min(1).max(100_000).nullable().default(null),
  })
  .strict();
export type TargetPolicy = z.infer<typeof targetPolicySchema>;

export const organizationSettingsSchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string(),
  plan: organizationPlanSchema,
  quotas: z.object({
    concurrentSessions: z.number(),
    proxies: z.number(),
    jobs: z.number(),
    apiRequestsPerMinute: z.number(),
  }),
  quotaOverrides: quotaOverridesSchema,
  targetPolicy: targetPolicySchema,
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/** PATCH /organization (ADMIN): name and target policy. */
export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    targetPolicy: targetPolicySchema.optional(),
  })
  .strict();

/** PATCH /admin/organizations/:id (platform administrator): plan and quota overrides. */
export const updateOrganizationPlanSchema = z
  .object({
    plan: organizationPlanSchema.optional(),
    quotaOverrides: quotaOverridesSchema.optional(),
  })
  .strict();

export function effectiveQuotas(plan: OrganizationPlan, overrides: QuotaOverrides): Quotas {
  return { ...planQuotas[plan], ...overrides };
}

export const organizationListSchema = z.object({ items: z.array(organizationSettingsSchema) });
