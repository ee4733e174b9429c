import type { ProxyCheckErrorCode, ProxyStatus, ProxyStrategy } from '@fleetwright/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type ProxyRow, proxies, proxyChecks } from '../schema/proxies.ts';

/**
 * How a session draws a proxy from its organization's pool (issue 10).
 *
 * Candidates: the organization's proxies matching the country and every tag asked for, not
 * excluded, and
 * - HEALTHY or UNCHECKED: an import nobody validated yet is usable at once; a failure while a
 *   session uses it counts against it like a failed check, and rotation moves on;
 * - DEGRADED only when none of those is left (a slow or once-failed proxy beats no proxy);
 * - never DOWN (consecutive failures) nor BLACKLISTED (set by hand).
 * Every strategy orders by that tier first, then by its own order; the pick sets last_used_at.
 */
export interface PickProxyParams {
  organizationId: string;
  strategy: ProxyStrategy;
  /** ISO 3166-1 alpha-2; required by the `country` strategy, a filter for the others. */
  country?: string;
  /** Only proxies that carry every one of these tags. */
  tags?: string[];
  /** Proxies not to pick: the one that just failed, the one a rotation leaves. */
  exclude?: string[];
}

export type PickProxyResult =
  | { proxy: ProxyRow }
  /** NO_PROXY_IN_COUNTRY when the pool has candidates, just none in the country asked for. */
  | { reason: 'NO_HEALTHY_PROXY' | 'NO_PROXY_IN_COUNTRY' };

/** Statuses a strategy may pick, best tier first. */
export const PICKABLE_PROXY_STATUSES: readonly ProxyStatus[] = ['HEALTHY', 'UNCHECKED', 'DEGRADED'];

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function candidates(params: PickProxyParams, options: { country: boolean }) {
  const tags = params.tags ?? [];
  const exclude = params.exclude ?? [];
  return sql`organization_id = ${params.organizationId}
    AND status IN ('HEALTHY', 'UNCHECKED', 'DEGRADED')
    ${options.country && params.country ? sql`AND country = ${params.country}` : sql``}
    ${tags.length > 0 ? sql`AND tags @> ${`{${tags.map((tag) => `"${tag}"`).join(',')}}`}::text[]` : sql``}
    ${exclude.length > 0 ? sql`AND id <> ALL(${`{${exclude.join(',')}}`}::uuid[])` : sql``}`;
}

/**
 * Weight of a proxy for the `weighted` strategy:
 *   w = max(successRate ?? 0.5, 0.05) × 1000 / (1000 + (latencyMs ?? 1000))
 * so a proxy that always answers in 0 ms weighs 1, in 1 s 0.5, one never checked 0.25, and none
 * weighs 0 (a proxy with a bad record is still tried now and then, and can recover). The pick is
 * one draw with P(proxy) = w / Σw: each candidate draws -ln(U)/w (an exponential race, the
 * Efraimidis–Spirakis key for one item) and the smallest wins.
 */
const WEIGHTED_ORDER = sql`-ln(1.0 - random()) / (greatest(coalesce(success_rate, 0.5), 0.05) * 1000.0 / (1000.0 + coalesce(latency_ms, 1000)))`;

/** Best tier first: DEGRADED only when no HEALTHY or UNCHECKED candidate is left. */
const TIER_ORDER = sql`(status = 'DEGRADED')`;

async function pickOrdered(
  db: DatabaseOrTransaction,
  params: PickProxyParams,
  order: ReturnType<typeof sql>,
  lock: boolean,
): Promise<ProxyRow | undefined> {
  // FOR UPDATE SKIP LOCKED: concurrent picks in flight take different rows; the update in the same
  // statement makes the next statement see the new last_used_at.
  const result = await db.execute<{ id: string }>(sql`
    WITH picked AS (
      SELECT id FROM proxies
      WHERE ${candidates(params, { country: true })}
      ORDER BY ${TIER_ORDER}, ${order}
      LIMIT 1
      ${lock ? sql`FOR UPDATE SKIP LOCKED` : sql``}
    )
    UPDATE proxies SET last_used_at = now() FROM picked WHERE proxies.id = picked.id
    RETURNING proxies.id`);
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  const [row] = await db.select().from(proxies).where(eq(proxies.id, id));
  return row;
}

/**
 * Round-robin: the first candidate after the organization's cursor in id order, wrapping around.
 * The cursor row is locked for the transaction, so concurrent picks queue and each gets the next.
 */
async function pickRoundRobin(db: DatabaseOrTransaction, params: PickProxyParams) {
  return db.transaction(async (tx) => {
    const cursor = await tx.execute<{ last_proxy_id: string | null }>(sql`
      INSERT INTO proxy_cursors (organization_id) VALUES (${params.organizationId})
      ON CONFLICT (organization_id) DO UPDATE SET updated_at = now()
      RETURNING last_proxy_id`);
    const last = cursor.rows[0]?.last_proxy_id ?? NIL_UUID;
    const picked = await pickOrdered(tx, params, sql`(id <= ${last}::uuid), id`, false);
    if (picked) {
      await tx.execute(sql`
        UPDATE proxy_cursors SET last_proxy_id = ${picked.id}, updated_at = now()
        WHERE organization_id = ${params.organizationId}`);
    }
    return picked;
  });
}

/**
 * Least recently used, one pick of the organization at a time. SKIP LOCKED alone is not enough
 * here: a pick whose snapshot predates another pick's commit still sees that proxy as unused, finds
 * its row no longer locked and takes it too (two concurrent starts on one proxy, seen in CI). The
 * organization's advisory lock makes each pick read after the previous one committed.
 */
async function pickLeastRecentlyUsed(db: DatabaseOrTransaction, params: PickProxyParams) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`proxy-pick:${params.organizationId}`}))`);
    return pickOrdered(tx, params, sql`last_used_at ASC NULLS FIRST, id`, true);
  });
}

/** Picks a proxy by the strategy and marks it used; a reason when no proxy fits. */
export async function pickProxy(
  db: DatabaseOrTransaction,
  params: PickProxyParams,
): Promise<PickProxyResult> {
  let picked: ProxyRow | undefined;
  switch (params.strategy) {
    case 'round-robin':
      picked = await pickRoundRobin(db, params);
      break;
    case 'weighted':
      picked = await pickOrdered(db, params, WEIGHTED_ORDER, true);
      break;
    case 'least-recently-used':
    case 'country':
      picked = await pickLeastRecentlyUsed(db, params);
      break;
  }
  if (picked) return { proxy: picked };
  if (!params.country) return { reason: 'NO_HEALTHY_PROXY' };
  const anywhere = await db.execute<{ found: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM proxies WHERE ${candidates(params, { country: false })}) AS found`,
  );
  return { reason: anywhere.rows[0]?.found ? 'NO_PROXY_IN_COUNTRY' : 'NO_HEALTHY_PROXY' };
}

/** A specific proxy of the organization, marked used; undefined when it is not the organization's. */
export async function takeProxy(
  db: DatabaseOrTransaction,
  key: { organizationId: string; id: string },
): Promise<ProxyRow | undefined> {
  const [row] = await db
    .update(proxies)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(proxies.organizationId, key.organizationId), eq(proxies.id, key.id)))
    .returning();
  return row;
}

/**
 * A session's proxy failed (a proxy error, a failed navigation): one more consecutive failure and
 * a failed check in its history, as a health check would record. The status rules (DEGRADED, DOWN)
 * belong to the health checks, which read consecutive_failures.
 */
export async function recordProxyFailure(
  db: DatabaseOrTransaction,
  params: { organizationId: string; proxyId: string; error: ProxyCheckErrorCode },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(proxies)
      .set({ consecutiveFailures: sql`${proxies.consecutiveFailures} + 1`, updatedAt: new Date() })
      .where(and(eq(proxies.organizationId, params.organizationId), eq(proxies.id, params.proxyId)))
      .returning({ id: proxies.id });
    if (!row) return;
    await tx.insert(proxyChecks).values({
      proxyId: params.proxyId,
      organizationId: params.organizationId,
      ok: false,
      error: params.error,
    });
  });
}

/** Active sessions per proxy of `proxyIds` (the proxies list's sessionsUsing). */
export async function countSessionsUsingProxies(
  db: DatabaseOrTransaction,
  organizationId: string,
  proxyIds: string[],
): Promise<Map<string, number>> {
  if (proxyIds.length === 0) return new Map();
  const result = await db.execute<{ proxy_id: string; using: number }>(sql`
    SELECT proxy_id, count(*)::int AS using FROM sessions
    WHERE organization_id = ${organizationId} AND proxy_id = ANY(${`{${proxyIds.join(',')}}`}::uuid[])
      AND status IN ('PENDING', 'STARTING', 'RUNNING', 'STOPPING')
    GROUP BY proxy_id`);
  return new Map(result.rows.map((row) => [row.proxy_id, row.using]));
}
