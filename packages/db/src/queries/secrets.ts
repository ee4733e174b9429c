import { and, asc, count, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type NewSecretRow, type SecretRow, secrets } from '../schema/secrets.ts';

export interface SecretKey {
  organizationId: string;
  id: string;
}

export async function getSecret(db: DatabaseOrTransaction, key: SecretKey): Promise<SecretRow | undefined> {
  const [row] = await db
    .select()
    .from(secrets)
    .where(and(eq(secrets.organizationId, key.organizationId), eq(secrets.id, key.id)));
  return row;
}

/** An organization's secrets by name, a page of them (secrets_org_name_idx). */
export async function listSecrets(
  db: DatabaseOrTransaction,
  params: { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: SecretRow[]; total: number }> {
  const where = eq(secrets.organizationId, params.organizationId);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(secrets)
      .where(where)
      .orderBy(asc(secrets.name), asc(secrets.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(secrets).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Every secret of an organization, sealed: what a flow run opens (secrets_org_name_idx). */
export async function listOrganizationSecrets(
  db: DatabaseOrTransaction,
  organizationId: string,
): Promise<Pick<SecretRow, 'id' | 'name' | 'value'>[]> {
  return db
    .select({ id: secrets.id, name: secrets.name, value: secrets.value })
    .from(secrets)
    .where(eq(secrets.organizationId, organizationId));
}

/** Inserts one secret; undefined when the organization already has one of this name. */
export async function insertSecret(
  db: DatabaseOrTransaction,
  values: NewSecretRow & { id: string; organizationId: string },
): Promise<SecretRow | undefined> {
  const [row] = await db.insert(secrets).values(values).onConflictDoNothing().returning();
  return row;
}

/** Changes one secret; a name another secret has throws Postgres's unique violation (23505). */
export async function updateSecret(
  db: DatabaseOrTransaction,
  key: SecretKey,
  values: Partial<Pick<NewSecretRow, 'name' | 'value'>>,
): Promise<SecretRow | undefined> {
  const [row] = await db
    .update(secrets)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(secrets.organizationId, key.organizationId), eq(secrets.id, key.id)))
    .returning();
  return row;
}

export async function deleteSecret(
  db: DatabaseOrTransaction,
  key: SecretKey,
): Promise<SecretRow | undefined> {
  const [row] = await db
    .delete(secrets)
    .where(and(eq(secrets.organizationId, key.organizationId), eq(secrets.id, key.id)))
    .returning();
  return row;
}
