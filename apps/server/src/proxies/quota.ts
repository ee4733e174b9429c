import { effectiveQuotas, type OrganizationPlan } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getOrganization } from '@fleetwright/db';
import { AppError } from '../errors.ts';

export interface ProxyQuota {
  plan: OrganizationPlan;
  limit: number;
}

/** The plan's `proxies` quota (with the organization's override). */
export async function proxyQuotaOf(db: DatabaseOrTransaction, organizationId: string): Promise<ProxyQuota> {
  const organization = await getOrganization(db, organizationId);
  if (!organization) throw new AppError('ORGANIZATION_NOT_FOUND');
  return {
    plan: organization.plan,
    limit: effectiveQuotas(organization.plan, organization.quotaOverrides).proxies,
  };
}

/** Refuses a change that would leave the organization with `after` proxies, above its quota. */
export function assertProxyQuota(quota: ProxyQuota, after: number, what: string): void {
  if (after <= quota.limit) return;
  throw new AppError(
    'QUOTA_EXCEEDED',
    `The ${quota.plan} plan allows ${quota.limit} proxies, and ${what} would make ${after}; nothing was added. Delete some, or ask an administrator for more.`,
    { details: { quota: 'proxies', limit: quota.limit, plan: quota.plan, wouldHave: after } },
  );
}
