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

/** A host name, or `*.` and one (its subdomains); `_` as some internal zones use it. */
const HOST_NAME =
  /^(\*\.)?(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function isPrivateTarget(entry: string): boolean {
  if (entry.includes('/')) return z.cidrv4().safeParse(entry).success || z.cidrv6().safeParse(entry).success;
  if (entry.includes(':')) return z.ipv6().safeParse(entry).success;
  // A name whose last label is a number is an IPv4 address to a browser (WHATWG URL): 10.0.0.256 is no name.
  if (/(^|\.)\d+$/.test(entry)) return z.ipv4().safeParse(entry).success;
  return HOST_NAME.test(entry);
}

/**
 * One private target an organization may reach although private targets are not allowed
 * platform-wide: a CIDR range (`10.20.0.0/16`, `fd00::/8`), an IP address, a host name
 * (`intranet.example`, that name only) or `*.` and a name (its subdomains).
 */
export const privateTargetSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isPrivateTarget, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a CIDR range (10.20.0.0/16), an IP address or a host name (intranet.example, *.staging.example)`,
  });

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
  /**
   * Non-public hosts and ranges this organization's sessions may reach (start URLs, navigation,
   * everything their pages load, their proxies' hosts); set by a platform administrator.
   */
  privateTargets: z.array(z.string()),
});
export type OrganizationSettings = z.infer<typeof organizationSettingsSchema>;

/** PATCH /organization (ADMIN): name and target policy. */
export const updateOrganizationSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    targetPolicy: targetPolicySchema.optional(),
  })
  .strict();

/**
 * PATCH /admin/organizations/:id (platform administrator): plan, quota overrides and the private
 * targets (the whole list; [] removes them).
 */
export const updateOrganizationPlanSchema = z
  .object({
    plan: organizationPlanSchema.optional(),
    quotaOverrides: quotaOverridesSchema.optional(),
    privateTargets: z.array(privateTargetSchema).max(256).optional(),
  })
  .strict();

export function effectiveQuotas(plan: OrganizationPlan, overrides: QuotaOverrides): Quotas {
  return { ...planQuotas[plan], ...overrides };
}

export const organizationListSchema = z.object({ items: z.array(organizationSettingsSchema) });
