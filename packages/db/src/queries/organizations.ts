import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type OrganizationRow, organizations } from '../schema/organizations.ts';

export const DEFAULT_ORGANIZATION_SLUG = 'default';

/** Until accounts land (issue 3) every session belongs to this organization. */
export async function ensureDefaultOrganization(db: DatabaseOrTransaction): Promise<OrganizationRow> {
  await db
    .insert(organizations)
    .values({ name: 'Default organization', slug: DEFAULT_ORGANIZATION_SLUG })
    .onConflictDoNothing({ target: organizations.slug });
  const [row] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.slug, DEFAULT_ORGANIZATION_SLUG));
  return row!;
}

export async function getOrganization(
  db: DatabaseOrTransaction,
  id: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export function listOrganizations(db: DatabaseOrTransaction): Promise<OrganizationRow[]> {
  return db.select().from(organizations).orderBy(organizations.createdAt);
}

/**
 * The organization's private targets (schema/organizations.ts): read by the worker at each start
 * and by the server when a target or proxy is refused otherwise. [] for an unknown organization.
 */
export async function getOrganizationPrivateTargets(
  db: DatabaseOrTransaction,
  id: string,
): Promise<string[]> {
  const [row] = await db
    .select({ privateTargets: organizations.privateTargets })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row?.privateTargets ?? [];
}

export async function updateOrganization(
  db: DatabaseOrTransaction,
  id: string,
  values: Partial<
    Pick<
      OrganizationRow,
      'name' | 'plan' | 'quotaOverrides' | 'blockedDomains' | 'sessionsPerDomain' | 'privateTargets'
    >
  >,
): Promise<OrganizationRow | undefined> {
  // Drizzle refuses an UPDATE with nothing to set ("No values to set"): an empty change reads the row.
  if (Object.values(values).every((value) => value === undefined)) return getOrganization(db, id);
  const [row] = await db.update(organizations).set(values).where(eq(organizations.id, id)).returning();
  return row;
}

export async function insertOrganization(
  db: DatabaseOrTransaction,
  values: typeof organizations.$inferInsert,
): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}
