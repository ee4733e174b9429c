import type { ProxyFilter, ProxyProtocol, ProxyStatus } from '@fleetwright/contracts';
import { and, arrayContains, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type NewProxyRow, type ProxyRow, proxies } from '../schema/proxies.ts';

export interface ProxyKey {
  organizationId: string;
  id: string;
}

/** What makes two proxies the same one (the unique index proxies_identity_idx). */
export interface ProxyIdentity {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  /** '' and null are the same: no user. */
  username: string | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** The WHERE conditions of a proxy filter, scoped to the organization (list, bulk delete, validation runs). */
export function filterConditions(organizationId: string, filter: ProxyFilter): SQL[] {
  const conditions: SQL[] = [eq(proxies.organizationId, organizationId)];
  if (filter.status) conditions.push(eq(proxies.status, filter.status));
  if (filter.country) conditions.push(eq(proxies.country, filter.country));
  if (filter.protocol) conditions.push(eq(proxies.protocol, filter.protocol));
  if (filter.tag) conditions.push(arrayContains(proxies.tags, [filter.tag]));
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search)}%`;
    conditions.push(
      or(
        ilike(proxies.host, pattern),
        sql`EXISTS (SELECT 1 FROM unnest(${proxies.tags}) AS tag WHERE tag ILIKE ${pattern})`,
      )!,
    );
  }
  return conditions;
}

export async function getProxy(db: DatabaseOrTransaction, key: ProxyKey): Promise<ProxyRow | undefined> {
  const [row] = await db
    .select()
    .from(proxies)
    .where(and(eq(proxies.organizationId, key.organizationId), eq(proxies.id, key.id)));
  return row;
}

/** An organization's proxies, newest first (proxies_org_created_id_idx). */
export async function listProxies(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter: ProxyFilter; page: number; pageSize: number },
): Promise<{ rows: ProxyRow[]; total: number }> {
  const where = and(...filterConditions(params.organizationId, params.filter));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(proxies)
      .where(where)
      .orderBy(desc(proxies.createdAt), desc(proxies.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(proxies).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/**
 * How many proxies the organization has per exit country and status (null: not located yet), for
 * the dashboard's map. proxies_org_created_id_idx finds the organization's rows; a pool is at most
 * the plan's quota of them.
 */
export async function countProxiesByCountry(
  db: DatabaseOrTransaction,
  organizationId: string,
): Promise<{ country: string | null; status: ProxyStatus; total: number }[]> {
  return db
    .select({ country: proxies.country, status: proxies.status, total: count() })
    .from(proxies)
    .where(eq(proxies.organizationId, organizationId))
    .groupBy(proxies.country, proxies.status);
}

/** How many proxies the organization has, for the plan's `proxies` quota. */
export async function countProxies(db: DatabaseOrTransaction, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(proxies)
    .where(eq(proxies.organizationId, organizationId));
  return row?.total ?? 0;
}

/**
 * Serializes changes to one organization's pool until the transaction ends
 * (pg_advisory_xact_lock): the quota count and the writes after it see every earlier change, so
 * two concurrent imports cannot both take the last slots, and a merge cannot race an insert.
 * Call it first in the transaction that creates or imports proxies.
 */
export async function lockProxyPool(db: DatabaseOrTransaction, organizationId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`proxies:${organizationId}`}, 0))`);
}

/** Inserts one proxy; undefined when the organization already has one with the same identity. */
export async function insertProxy(
  db: DatabaseOrTransaction,
  values: NewProxyRow & { id: string; organizationId: string },
): Promise<ProxyRow | undefined> {
  const [row] = await db.insert(proxies).values(values).onConflictDoNothing().returning();
  return row;
}

/** The id of the organization's proxy with this identity, if there is one. */
export async function findProxyByIdentity(
  db: DatabaseOrTransaction,
  organizationId: string,
  identity: ProxyIdentity,
): Promise<string | undefined> {
  const [found] = await findProxyIds(db, organizationId, [identity]);
  return found?.id;
}

/**
 * The ids of those of `identities` the organization already has, with their identity (username ''
 * for none) to match them up. One probe of proxies_identity_idx per identity (LATERAL): a join
 * would let the planner scan the organization's rows instead, and during an import, whose rows the
 * statistics have not seen yet, it does (each batch read every row written before it: 2.5 s of a
 * 100,000-line import).
 */
export async function findProxyIds(
  db: DatabaseOrTransaction,
  organizationId: string,
  identities: ProxyIdentity[],
): Promise<(ProxyIdentity & { id: string })[]> {
  if (identities.length === 0) return [];
  // Only the identity: callers pass whole entries, and a password must not travel as a parameter.
  const keys = JSON.stringify(
    identities.map(({ protocol, host, port, username }) => ({
      protocol,
      host,
      port,
      username: username ?? '',
    })),
  );
  const result = await db.execute<{
    id: string;
    protocol: ProxyProtocol;
    host: string;
    port: number;
    username: string;
  }>(sql`
    SELECT p.id, k.protocol, k.host, k.port, k.username
    FROM jsonb_to_recordset(${keys}::jsonb) AS k(protocol proxy_protocol, host text, port int, username text)
    CROSS JOIN LATERAL (
      SELECT id FROM proxies
      WHERE organization_id = ${organizationId} AND protocol = k.protocol AND host = k.host
        AND port = k.port AND coalesce(username, '') = k.username
    ) AS p`);
  return result.rows;
}

/** One row of a bulk upsert; ids of rows that already exist are theirs (see findProxyIds). */
export interface UpsertProxyValues extends ProxyIdentity {
  id: string;
  /** Sealed already; null keeps the stored one on a merge. */
  password: string | null;
  tags: string[];
}

/**
 * Inserts `rows` into the organization's pool in one statement (one parameter: the rows as JSON,
 * so any batch size is one plan); a row whose identity exists merges into it instead: tags are
 * unioned (first seen first), the password replaced when the row has one. `rows` must not repeat
 * an identity (Postgres refuses to update a row twice in one statement): merge them first.
 * Answers how many rows were new.
 */
export async function upsertProxies(
  db: DatabaseOrTransaction,
  organizationId: string,
  rows: UpsertProxyValues[],
): Promise<{ inserted: number }> {
  if (rows.length === 0) return { inserted: 0 };
  const values = JSON.stringify(rows);
  // xmax = 0 only on a row this statement inserted; a merged row carries this transaction's xid.
  const result = await db.execute<{ inserted: number }>(sql`
    WITH upserted AS (
      INSERT INTO proxies (id, organization_id, protocol, host, port, username, password, tags)
      SELECT r.id, ${organizationId}::uuid, r.protocol, r.host, r.port, nullif(r.username, ''), r.password, r.tags
      FROM jsonb_to_recordset(${values}::jsonb)
        AS r(id uuid, protocol proxy_protocol, host text, port int, username text, password text, tags text[])
      ON CONFLICT (organization_id, protocol, host, port, (coalesce("username", ''))) DO UPDATE SET
        tags = ARRAY(
          SELECT tag FROM unnest(proxies.tags || excluded.tags) WITH ORDINALITY AS t(tag, n)
          GROUP BY tag ORDER BY min(n)
        ),
        password = coalesce(excluded.password, proxies.password),
        updated_at = now()
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted FROM upserted`);
  return { inserted: result.rows[0]?.inserted ?? 0 };
}

/**
 * Changes a proxy; undefined when there is no such proxy. Throws Postgres's unique violation
 * (23505) when the new identity is another proxy's.
 */
export async function updateProxy(
  db: DatabaseOrTransaction,
  key: ProxyKey,
  values: Partial<NewProxyRow>,
): Promise<ProxyRow | undefined> {
  const [row] = await db
    .update(proxies)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(proxies.organizationId, key.organizationId), eq(proxies.id, key.id)))
    .returning();
  return row;
}

/** Moves a proxy to `to` if it is not already there; `from` limits which statuses may move. */
export async function setProxyStatus(
  db: DatabaseOrTransaction,
  key: ProxyKey & { to: ProxyStatus; from?: ProxyStatus[]; set?: Partial<NewProxyRow> },
): Promise<ProxyRow | undefined> {
  const [row] = await db
    .update(proxies)
    .set({ ...key.set, status: key.to, updatedAt: new Date() })
    .where(
      and(
        eq(proxies.organizationId, key.organizationId),
        eq(proxies.id, key.id),
        key.from ? inArray(proxies.status, key.from) : sql`${proxies.status} <> ${key.to}`,
      ),
    )
    .returning();
  return row;
}

export async function deleteProxy(db: DatabaseOrTransaction, key: ProxyKey): Promise<ProxyRow | undefined> {
  const [row] = await db
    .delete(proxies)
    .where(and(eq(proxies.organizationId, key.organizationId), eq(proxies.id, key.id)))
    .returning();
  return row;
}

/** Deletes the organization's proxies among `ids`, or matching `filter`; answers the deleted ids. */
export async function deleteProxies(
  db: DatabaseOrTransaction,
  params: { organizationId: string; ids?: string[]; filter?: ProxyFilter },
): Promise<string[]> {
  const conditions = filterConditions(params.organizationId, params.filter ?? {});
  if (params.ids) conditions.push(inArray(proxies.id, params.ids));
  const rows = await db
    .delete(proxies)
    .where(and(...conditions))
    .returning({ id: proxies.id });
  return rows.map((row) => row.id);
}
