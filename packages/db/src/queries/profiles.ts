import { and, asc, count, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type NewProfileRow, type ProfileRow, profiles } from '../schema/profiles.ts';

export interface ProfileKey {
  organizationId: string;
  id: string;
}

/** A profile as listed: everything but its sealed state, which a list has no use for. */
export type ProfileSummaryRow = Omit<ProfileRow, 'state'>;

const summaryColumns = {
  id: profiles.id,
  organizationId: profiles.organizationId,
  name: profiles.name,
  sizeBytes: profiles.sizeBytes,
  cookieCount: profiles.cookieCount,
  origins: profiles.origins,
  sessionId: profiles.sessionId,
  createdBy: profiles.createdBy,
  createdAt: profiles.createdAt,
  updatedAt: profiles.updatedAt,
};

export async function getProfile(
  db: DatabaseOrTransaction,
  key: ProfileKey,
): Promise<ProfileSummaryRow | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(profiles)
    .where(and(eq(profiles.organizationId, key.organizationId), eq(profiles.id, key.id)));
  return row;
}

/**
 * Whether the organization has this profile, holding it (FOR KEY SHARE) until the transaction ends:
 * a session row written in the same transaction cannot point at a profile deleted meanwhile.
 */
export async function holdProfile(db: DatabaseOrTransaction, key: ProfileKey): Promise<boolean> {
  const rows = await db
    .select({ id: profiles.id })
    .from(profiles)
    .where(and(eq(profiles.organizationId, key.organizationId), eq(profiles.id, key.id)))
    .for('key share');
  return rows.length > 0;
}

/** The sealed state of one profile: what a worker opens to start a session from it. */
export async function getProfileState(
  db: DatabaseOrTransaction,
  key: ProfileKey,
): Promise<Pick<ProfileRow, 'id' | 'state'> | undefined> {
  const [row] = await db
    .select({ id: profiles.id, state: profiles.state })
    .from(profiles)
    .where(and(eq(profiles.organizationId, key.organizationId), eq(profiles.id, key.id)));
  return row;
}

/** An organization's profiles by name, a page of them (profiles_org_name_idx). */
export async function listProfiles(
  db: DatabaseOrTransaction,
  params: { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: ProfileSummaryRow[]; total: number }> {
  const where = eq(profiles.organizationId, params.organizationId);
  const [rows, [totals]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(profiles)
      .where(where)
      .orderBy(asc(profiles.name), asc(profiles.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(profiles).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Inserts one profile; undefined when the organization already has one of this name. */
export async function insertProfile(
  db: DatabaseOrTransaction,
  values: NewProfileRow & { id: string; organizationId: string },
): Promise<ProfileSummaryRow | undefined> {
  const [row] = await db.insert(profiles).values(values).onConflictDoNothing().returning(summaryColumns);
  return row;
}

/** Renames one profile; a name another profile has throws Postgres's unique violation (23505). */
export async function renameProfile(
  db: DatabaseOrTransaction,
  key: ProfileKey,
  name: string,
): Promise<ProfileSummaryRow | undefined> {
  const [row] = await db
    .update(profiles)
    .set({ name, updatedAt: new Date() })
    .where(and(eq(profiles.organizationId, key.organizationId), eq(profiles.id, key.id)))
    .returning(summaryColumns);
  return row;
}

export async function deleteProfile(
  db: DatabaseOrTransaction,
  key: ProfileKey,
): Promise<ProfileSummaryRow | undefined> {
  const [row] = await db
    .delete(profiles)
    .where(and(eq(profiles.organizationId, key.organizationId), eq(profiles.id, key.id)))
    .returning(summaryColumns);
  return row;
}
