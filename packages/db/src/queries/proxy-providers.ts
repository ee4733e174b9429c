import { and, asc, count, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import {
  type NewProxyProviderRow,
  type ProxyProviderRow,
  proxyProviders,
} from '../schema/proxy-providers.ts';

export interface ProxyProviderKey {
  organizationId: string;
  id: string;
}

export async function getProxyProvider(
  db: DatabaseOrTransaction,
  key: ProxyProviderKey,
): Promise<ProxyProviderRow | undefined> {
  const [row] = await db
    .select()
    .from(proxyProviders)
    .where(and(eq(proxyProviders.organizationId, key.organizationId), eq(proxyProviders.id, key.id)));
  return row;
}

/** An organization's provider entries by name (proxy_providers_org_name_idx). */
export async function listProxyProviders(
  db: DatabaseOrTransaction,
  params: { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: ProxyProviderRow[]; total: number }> {
  const where = eq(proxyProviders.organizationId, params.organizationId);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(proxyProviders)
      .where(where)
      .orderBy(asc(proxyProviders.name), asc(proxyProviders.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(proxyProviders).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Inserts one entry; undefined when the organization already has one of this name. */
export async function insertProxyProvider(
  db: DatabaseOrTransaction,
  values: NewProxyProviderRow & { id: string; organizationId: string },
): Promise<ProxyProviderRow | undefined> {
  const [row] = await db.insert(proxyProviders).values(values).onConflictDoNothing().returning();
  return row;
}

/** Changes one entry; a name another entry has throws Postgres's unique violation (23505). */
export async function updateProxyProvider(
  db: DatabaseOrTransaction,
  key: ProxyProviderKey,
  values: Partial<NewProxyProviderRow>,
): Promise<ProxyProviderRow | undefined> {
  const [row] = await db
    .update(proxyProviders)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(proxyProviders.organizationId, key.organizationId), eq(proxyProviders.id, key.id)))
    .returning();
  return row;
}

export async function deleteProxyProvider(
  db: DatabaseOrTransaction,
  key: ProxyProviderKey,
): Promise<ProxyProviderRow | undefined> {
  const [row] = await db
    .delete(proxyProviders)
    .where(and(eq(proxyProviders.organizationId, key.organizationId), eq(proxyProviders.id, key.id)))
    .returning();
  return row;
}
