import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type ApiKeyRow, apiKeys } from '../schema/api-keys.ts';
import { members } from '../schema/members.ts';
import { organizations } from '../schema/organizations.ts';
import { users } from '../schema/users.ts';

export async function insertApiKey(
  db: DatabaseOrTransaction,
  values: typeof apiKeys.$inferInsert,
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(values).returning();
  return row!;
}

export function listApiKeys(
  db: DatabaseOrTransaction,
  key: { organizationId: string },
): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, key.organizationId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Marks the key revoked (once); undefined when the organization has no such key. */
export async function revokeApiKey(
  db: DatabaseOrTransaction,
  key: { organizationId: string; id: string },
): Promise<ApiKeyRow | undefined> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(apiKeys.organizationId, key.organizationId), eq(apiKeys.id, key.id), isNull(apiKeys.revokedAt)),
    )
    .returning();
  if (revoked) return revoked;
  const [existing] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, key.organizationId), eq(apiKeys.id, key.id)));
  return existing;
}

/**
 * The key with this hash, with its organization's plan and the current role of the member who
 * created it (null if they left): a key never does more than its creator may.
 */
export async function findApiKeyByHash(db: DatabaseOrTransaction, hash: string) {
  const [row] = await db
    .select({
      key: apiKeys,
      creatorRole: members.role,
      plan: organizations.plan,
      quotaOverrides: organizations.quotaOverrides,
      creatorIsAdmin: users.isAdmin,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .leftJoin(users, eq(users.id, apiKeys.createdById))
    .leftJoin(
      members,
      and(eq(members.organizationId, apiKeys.organizationId), eq(members.userId, apiKeys.createdById)),
    )
    .where(eq(apiKeys.hash, hash));
  return row;
}

export async function touchApiKey(db: DatabaseOrTransaction, id: string, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}
