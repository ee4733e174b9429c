import { effectiveQuotas, type OrganizationSettings, type TargetPolicy } from '@fleetwright/contracts';
import { type Database, getOrganization, type OrganizationRow, updateOrganization } from '@fleetwright/db';
import { AppError } from '../../errors.ts';

export function toOrganizationSettings(row: OrganizationRow): OrganizationSettings {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    plan: row.plan,
    quotas: effectiveQuotas(row.plan, row.quotaOverrides),
    quotaOverrides: row.quotaOverrides,
    targetPolicy: { blockedDomains: row.blockedDomains, sessionsPerDomain: row.sessionsPerDomain },
  };
}

export async function findOrganization(db: Database, id: string): Promise<OrganizationRow> {
  const row = await getOrganization(db, id);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  return row;
}

export async function updateOrganizationSettings(
  db: Database,
  id: string,
  input: { name?: string; targetPolicy?: TargetPolicy },
): Promise<OrganizationRow> {
  const row = await updateOrganization(db, id, {
    ...(input.name ? { name: input.name } : {}),
    ...(input.targetPolicy
      ? {
          blockedDomains: [...new Set(input.targetPolicy.blockedDomains)],
          sessionsPerDomain: input.targetPolicy.sessionsPerDomain,
        }
      : {}),
  });
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  return row;
}
