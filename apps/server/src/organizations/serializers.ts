import { effectiveQuotas, type OrganizationSettings } from '@fleetwright/contracts';
import type { OrganizationRow } from '@fleetwright/db';

export function toOrganizationSettings(row: OrganizationRow): OrganizationSettings {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    plan: row.plan,
    quotas: effectiveQuotas(row.plan, row.quotaOverrides),
    quotaOverrides: row.quotaOverrides,
    targetPolicy: { blockedDomains: row.blockedDomains, sessionsPerDomain: row.sessionsPerDomain },
    privateTargets: row.privateTargets,
  };
}
