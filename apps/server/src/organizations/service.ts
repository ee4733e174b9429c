import type { TargetPolicy } from '@fleetwright/contracts';
import {
  type DatabaseOrTransaction,
  getOrganization,
  type OrganizationRow,
  updateOrganization,
} from '@fleetwright/db';
import { AppError } from '../errors.ts';

export async function findOrganization(db: DatabaseOrTransaction, id: string): Promise<OrganizationRow> {
  const row = await getOrganization(db, id);
  if (!row) throw new AppError('ORGANIZATION_NOT_FOUND');
  return row;
}

export async function updateOrganizationSettings(
  db: DatabaseOrTransaction,
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
