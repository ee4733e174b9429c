import type { ProxyFilter, ProxyValidationStatus } from '@fleetwright/contracts';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type ProxyRow, proxies } from '../schema/proxies.ts';
import { type ProxyValidationRow, proxyValidations } from '../schema/proxy-validations.ts';
import { filterConditions } from './proxies.ts';

export interface ProxyValidationKey {
  organizationId: string;
  id: string;
}

/** How a run chooses its proxies: ids, or every proxy matching a filter (`{}`: all). */
export interface ProxyValidationSelection {
  ids?: string[];
  filter?: ProxyFilter;
}

const ACTIVE: ProxyValidationStatus[] = ['QUEUED', 'RUNNING'];

/**
 * Serializes asking for runs in one organization until the transaction ends, so two requests at
 * once (a double click) cannot both see "no run in progress".
 */
export async function lockProxyValidations(db: DatabaseOrTransaction, organizationId: string): Promise<void> {
  await db.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`proxy-validations:${organizationId}`}, 0))`,
  );
}

/** The organization's run still queued or running, if any (proxy_validations_org_active_idx). */
export async function findActiveProxyValidation(
  db: DatabaseOrTransaction,
  organizationId: string,
): Promise<ProxyValidationRow | undefined> {
  const [row] = await db
    .select()
    .from(proxyValidations)
    .where(and(eq(proxyValidations.organizationId, organizationId), inArray(proxyValidations.status, ACTIVE)))
    .limit(1);
  return row;
}

/**
 * A new QUEUED run over the organization's proxies in `selection`, BLACKLISTED ones left out (ids
 * of another organization or unknown ones simply match nothing). The chosen proxies are written
 * with it, in one INSERT … SELECT: nothing of them passes through the server's memory.
 */
export async function insertProxyValidation(
  db: DatabaseOrTransaction,
  params: { organizationId: string; selection: ProxyValidationSelection },
): Promise<ProxyValidationRow> {
  const conditions = filterConditions(params.organizationId, params.selection.filter ?? {});
  conditions.push(ne(proxies.status, 'BLACKLISTED'));
  if (params.selection.ids) conditions.push(inArray(proxies.id, params.selection.ids));
  const [run] = await db
    .insert(proxyValidations)
    .values({ organizationId: params.organizationId, total: 0 })
    .returning();
  const inserted = await db.execute<{ total: number }>(sql`
    WITH chosen AS (
      INSERT INTO proxy_validation_proxies (validation_id, proxy_id)
      SELECT ${run!.id}::uuid, ${proxies.id} FROM ${proxies} WHERE ${and(...conditions)}
      RETURNING 1
    )
    SELECT count(*)::int AS total FROM chosen`);
  const total = inserted.rows[0]?.total ?? 0;
  const [row] = await db
    .update(proxyValidations)
    .set({ total })
    .where(eq(proxyValidations.id, run!.id))
    .returning();
  return row!;
}

export async function getProxyValidation(
  db: DatabaseOrTransaction,
  key: ProxyValidationKey,
): Promise<ProxyValidationRow | undefined> {
  const [row] = await db
    .select()
    .from(proxyValidations)
    .where(and(eq(proxyValidations.organizationId, key.organizationId), eq(proxyValidations.id, key.id)));
  return row;
}

/**
 * RUNNING, for the worker that took its job; undefined when the run is over (finished, or its
 * organization gone). A retried job finds it RUNNING already and carries on.
 */
export async function startProxyValidation(
  db: DatabaseOrTransaction,
  key: ProxyValidationKey,
): Promise<ProxyValidationRow | undefined> {
  const [row] = await db
    .update(proxyValidations)
    .set({ status: 'RUNNING', startedAt: sql`coalesce(${proxyValidations.startedAt}, now())` })
    .where(
      and(
        eq(proxyValidations.organizationId, key.organizationId),
        eq(proxyValidations.id, key.id),
        inArray(proxyValidations.status, ACTIVE),
      ),
    )
    .returning();
  return row;
}

/** Ends a run: COMPLETED, or FAILED with why. */
export async function finishProxyValidation(
  db: DatabaseOrTransaction,
  key: ProxyValidationKey & { status: 'COMPLETED' | 'FAILED'; error?: string },
): Promise<ProxyValidationRow | undefined> {
  const [row] = await db
    .update(proxyValidations)
    .set({ status: key.status, error: key.error ?? null, finishedAt: new Date() })
    .where(
      and(
        eq(proxyValidations.organizationId, key.organizationId),
        eq(proxyValidations.id, key.id),
        inArray(proxyValidations.status, ACTIVE),
      ),
    )
    .returning();
  return row;
}

/**
 * The next `limit` proxies of the run not checked yet, after `afterId` in id order (the primary
 * key's order: a keyset page, so a run of any size is read in constant memory), and the id to page
 * on from there (null at the end). A proxy blacklisted since the run was asked for is left out:
 * never checked, it stays uncounted. Passwords come sealed.
 */
export async function nextValidationProxies(
  db: DatabaseOrTransaction,
  params: { validationId: string; afterId: string | null; limit: number },
): Promise<{ rows: ProxyRow[]; lastId: string | null }> {
  const page = await db.execute<{ id: string }>(sql`
    SELECT v.proxy_id AS id FROM proxy_validation_proxies v
    WHERE v.validation_id = ${params.validationId} AND v.ok IS NULL
      ${params.afterId ? sql`AND v.proxy_id > ${params.afterId}` : sql``}
    ORDER BY v.proxy_id LIMIT ${params.limit}`);
  const ids = page.rows.map((row) => row.id);
  if (ids.length === 0) return { rows: [], lastId: null };
  const rows = await db
    .select()
    .from(proxies)
    .where(and(inArray(proxies.id, ids), ne(proxies.status, 'BLACKLISTED')))
    .orderBy(proxies.id);
  return { rows, lastId: ids.at(-1)! };
}

/**
 * Marks checked proxies of a run with their outcome and moves its counters by those that were not
 * marked before (a retried job may check a proxy twice; it is counted once). Answers the run.
 */
export async function recordValidationResults(
  db: DatabaseOrTransaction,
  params: { validationId: string; results: { proxyId: string; ok: boolean }[] },
): Promise<ProxyValidationRow | undefined> {
  const values = JSON.stringify(params.results);
  const result = await db.execute<{ succeeded: number; failed: number }>(sql`
    WITH marked AS (
      UPDATE proxy_validation_proxies v SET ok = r.ok
      FROM jsonb_to_recordset(${values}::jsonb) AS r("proxyId" uuid, ok boolean)
      WHERE v.validation_id = ${params.validationId} AND v.proxy_id = r."proxyId" AND v.ok IS NULL
      RETURNING r.ok
    )
    SELECT count(*) FILTER (WHERE ok)::int AS succeeded, count(*) FILTER (WHERE NOT ok)::int AS failed
    FROM marked`);
  const { succeeded = 0, failed = 0 } = result.rows[0] ?? {};
  const [row] = await db
    .update(proxyValidations)
    .set({
      checked: sql`${proxyValidations.checked} + ${succeeded + failed}`,
      succeeded: sql`${proxyValidations.succeeded} + ${succeeded}`,
      failed: sql`${proxyValidations.failed} + ${failed}`,
    })
    .where(eq(proxyValidations.id, params.validationId))
    .returning();
  return row;
}
