import type { ScriptLibrary } from '@fleetwright/contracts';
import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import {
  type NewScriptRow,
  type ScriptRow,
  type ScriptVersionRow,
  scriptRatings,
  scripts,
  scriptVersions,
} from '../schema/scripts.ts';

export interface ScriptKey {
  organizationId: string;
  id: string;
}

/** A script row with what lists show besides: its latest version's libraries and its rating. */
export type ScriptListing = ScriptRow & {
  libraries: ScriptLibrary[];
  ratingAverage: number | null;
  ratingCount: number;
};

/** A script row with its latest version's source. */
export type ScriptWithSource = ScriptListing & { source: string };

const listingColumns = getTableColumns(scripts);

const derivedColumns = {
  libraries: sql<ScriptLibrary[]>`(SELECT ${scriptVersions.libraries} FROM ${scriptVersions}
    WHERE ${scriptVersions.scriptId} = ${scripts.id} AND ${scriptVersions.version} = ${scripts.latestVersion})`,
  ratingAverage: sql<number | null>`(SELECT avg(${scriptRatings.rating})::float8 FROM ${scriptRatings}
    WHERE ${scriptRatings.scriptId} = ${scripts.id})`,
  ratingCount: sql<number>`(SELECT count(*)::int FROM ${scriptRatings} WHERE ${scriptRatings.scriptId} = ${scripts.id})`,
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export interface ScriptFilter {
  /** Case-insensitive substring of the name or the description. */
  q?: string | undefined;
  tag?: string | undefined;
}

function filterConditions(filter: ScriptFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(scripts.name, pattern), ilike(scripts.description, pattern))!);
  }
  if (filter.tag) conditions.push(arrayContains(scripts.tags, [filter.tag]));
  return conditions;
}

async function pageOf(
  db: DatabaseOrTransaction,
  where: SQL | undefined,
  orderBy: SQL[],
  page: { page: number; pageSize: number },
): Promise<{ rows: ScriptListing[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ ...listingColumns, ...derivedColumns })
      .from(scripts)
      .where(where)
      .orderBy(...orderBy)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(scripts).where(where),
  ]);
  return { rows: rows as ScriptListing[], total: totals?.total ?? 0 };
}

/** An organization's scripts, the latest changed first (scripts_org_updated_idx). */
export function listScripts(
  db: DatabaseOrTransaction,
  params: ScriptFilter & { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: ScriptListing[]; total: number }> {
  const where = and(eq(scripts.organizationId, params.organizationId), ...filterConditions(params));
  return pageOf(db, where, [desc(scripts.updatedAt), asc(scripts.id)], params);
}

export type MarketplaceSort = 'downloads' | 'rating' | 'newest';

/** Public scripts of every organization. */
export function listPublicScripts(
  db: DatabaseOrTransaction,
  params: ScriptFilter & { sort: MarketplaceSort; page: number; pageSize: number },
): Promise<{ rows: ScriptListing[]; total: number }> {
  const where = and(eq(scripts.visibility, 'public'), ...filterConditions(params));
  const orderBy = {
    downloads: [desc(scripts.downloads)],
    rating: [sql`${derivedColumns.ratingAverage} DESC NULLS LAST`, desc(derivedColumns.ratingCount)],
    newest: [desc(scripts.publishedAt)],
  }[params.sort];
  return pageOf(db, where, [...orderBy, asc(scripts.id)], params);
}

async function scriptWhere(db: DatabaseOrTransaction, where: SQL | undefined) {
  const [row] = await db
    .select({ ...listingColumns, ...derivedColumns, source: scriptVersions.source })
    .from(scripts)
    .innerJoin(
      scriptVersions,
      and(eq(scriptVersions.scriptId, scripts.id), eq(scriptVersions.version, scripts.latestVersion)),
    )
    .where(where);
  return row as ScriptWithSource | undefined;
}

/** One of the organization's scripts with its latest source. */
export function getScript(db: DatabaseOrTransaction, key: ScriptKey): Promise<ScriptWithSource | undefined> {
  return scriptWhere(db, and(eq(scripts.organizationId, key.organizationId), eq(scripts.id, key.id)));
}

/** A script the organization may read: its own, or a public one of any organization. */
export function getVisibleScript(
  db: DatabaseOrTransaction,
  key: ScriptKey,
): Promise<ScriptWithSource | undefined> {
  return scriptWhere(
    db,
    and(
      eq(scripts.id, key.id),
      or(eq(scripts.organizationId, key.organizationId), eq(scripts.visibility, 'public')),
    ),
  );
}

export interface NewScriptVersion {
  source: string;
  libraries: ScriptLibrary[];
  message: string;
  authorUserId: string | null;
}

/** Inserts a script and its version 1. Run it in a transaction: the two rows belong together. */
export async function insertScript(
  db: DatabaseOrTransaction,
  values: NewScriptRow & { organizationId: string },
  first: NewScriptVersion,
): Promise<ScriptRow> {
  const [row] = await db
    .insert(scripts)
    .values({ ...values, latestVersion: 1 })
    .returning();
  await db.insert(scriptVersions).values({
    scriptId: row!.id,
    organizationId: row!.organizationId,
    version: 1,
    ...first,
  });
  return row!;
}

/** Changes a script's own fields (name, description, tags, visibility…), never its versions. */
export async function updateScript(
  db: DatabaseOrTransaction,
  key: ScriptKey,
  values: Partial<NewScriptRow>,
): Promise<ScriptRow | undefined> {
  const [row] = await db
    .update(scripts)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(scripts.organizationId, key.organizationId), eq(scripts.id, key.id)))
    .returning();
  return row;
}

/**
 * Saves the next version. The UPDATE that numbers it locks the script's row, so two saves at once
 * get consecutive numbers; run it in a transaction with whatever else the save writes.
 */
export async function appendScriptVersion(
  db: DatabaseOrTransaction,
  key: ScriptKey,
  version: NewScriptVersion,
): Promise<ScriptVersionRow | undefined> {
  const [bumped] = await db
    .update(scripts)
    .set({ latestVersion: sql`${scripts.latestVersion} + 1`, updatedAt: new Date() })
    .where(and(eq(scripts.organizationId, key.organizationId), eq(scripts.id, key.id)))
    .returning({ latestVersion: scripts.latestVersion });
  if (!bumped) return undefined;
  const [row] = await db
    .insert(scriptVersions)
    .values({
      scriptId: key.id,
      organizationId: key.organizationId,
      version: bumped.latestVersion,
      ...version,
    })
    .returning();
  return row;
}

/** A script's versions, newest first (the primary key serves it). */
export async function listScriptVersions(
  db: DatabaseOrTransaction,
  key: ScriptKey,
  page: { page: number; pageSize: number },
): Promise<{ rows: Omit<ScriptVersionRow, 'source'>[]; total: number }> {
  const where = and(
    eq(scriptVersions.organizationId, key.organizationId),
    eq(scriptVersions.scriptId, key.id),
  );
  const { source: _source, ...columns } = getTableColumns(scriptVersions);
  const [rows, [totals]] = await Promise.all([
    db
      .select(columns)
      .from(scriptVersions)
      .where(where)
      .orderBy(desc(scriptVersions.version))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(scriptVersions).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function getScriptVersion(
  db: DatabaseOrTransaction,
  key: ScriptKey,
  version: number,
): Promise<ScriptVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(scriptVersions)
    .where(
      and(
        eq(scriptVersions.organizationId, key.organizationId),
        eq(scriptVersions.scriptId, key.id),
        eq(scriptVersions.version, version),
      ),
    );
  return row;
}

export async function deleteScript(
  db: DatabaseOrTransaction,
  key: ScriptKey,
): Promise<ScriptRow | undefined> {
  const [row] = await db
    .delete(scripts)
    .where(and(eq(scripts.organizationId, key.organizationId), eq(scripts.id, key.id)))
    .returning();
  return row;
}

/** A fork was made of a public script. */
export async function countScriptDownload(db: DatabaseOrTransaction, id: string): Promise<void> {
  await db
    .update(scripts)
    .set({ downloads: sql`${scripts.downloads} + 1` })
    .where(eq(scripts.id, id));
}

/** A user's own rating of a script (script_ratings' primary key), or null before they rate it. */
export async function getScriptRating(
  db: DatabaseOrTransaction,
  key: { scriptId: string; userId: string },
): Promise<number | null> {
  const [row] = await db
    .select({ rating: scriptRatings.rating })
    .from(scriptRatings)
    .where(and(eq(scriptRatings.scriptId, key.scriptId), eq(scriptRatings.userId, key.userId)));
  return row?.rating ?? null;
}

/** One rating per user and script: a second replaces the first. */
export async function upsertScriptRating(
  db: DatabaseOrTransaction,
  values: { scriptId: string; userId: string; rating: number },
): Promise<void> {
  await db
    .insert(scriptRatings)
    .values(values)
    .onConflictDoUpdate({
      target: [scriptRatings.scriptId, scriptRatings.userId],
      set: { rating: values.rating, updatedAt: new Date() },
    });
}
