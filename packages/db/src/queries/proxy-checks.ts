import type { ProxyAnonymity, ProxyStatus } from '@fleetwright/contracts';
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type ProxyCheckRow, type ProxyRow, proxies, proxyChecks } from '../schema/proxies.ts';

/** One check's outcome, as stored in the history. */
export interface ProxyCheckValues {
  proxyId: string;
  organizationId: string;
  at: Date;
  ok: boolean;
  latencyMs: number | null;
  error: string | null;
  exitIp: string | null;
}

/** Appends checks to the history in one statement (the rows as one JSON parameter). */
export async function insertProxyChecks(db: DatabaseOrTransaction, rows: ProxyCheckValues[]): Promise<void> {
  if (rows.length === 0) return;
  const values = JSON.stringify(rows);
  await db.execute(sql`
    INSERT INTO proxy_checks (proxy_id, organization_id, at, ok, latency_ms, error, exit_ip)
    SELECT r."proxyId", r."organizationId", r.at, r.ok, r."latencyMs", r.error, r."exitIp"
    FROM jsonb_to_recordset(${values}::jsonb) AS r(
      "proxyId" uuid, "organizationId" uuid, at timestamptz, ok boolean, "latencyMs" int, error text, "exitIp" text
    )`);
}

/** What the health rules read of a proxy: where it is, and its checks in the window. */
export type ProxyHealthState = {
  id: string;
  organizationId: string;
  status: ProxyStatus;
  consecutiveFailures: number;
  /** Checks since the window's start (proxy_checks_proxy_at_idx), the new ones included. */
  checksInWindow: number;
  okInWindow: number;
};

/**
 * The health state of `ids`, locked (FOR UPDATE, in id order so two writers cannot deadlock) until
 * the transaction writes their new state. Proxies deleted meanwhile are missing.
 */
export async function lockProxyHealthStates(
  db: DatabaseOrTransaction,
  params: { ids: string[]; since: Date },
): Promise<ProxyHealthState[]> {
  if (params.ids.length === 0) return [];
  const result = await db.execute<ProxyHealthState>(sql`
    SELECT p.id, p.organization_id AS "organizationId", p.status,
      p.consecutive_failures AS "consecutiveFailures",
      w.total::int AS "checksInWindow", w.ok::int AS "okInWindow"
    FROM proxies p
    CROSS JOIN LATERAL (
      SELECT count(*) AS total, count(*) FILTER (WHERE c.ok) AS ok FROM proxy_checks c
      WHERE c.proxy_id = p.id AND c.at >= ${params.since.toISOString()}::timestamptz
    ) AS w
    WHERE p.id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(params.ids)}::jsonb))
    ORDER BY p.id
    FOR UPDATE OF p`);
  return result.rows;
}

/** A proxy's state after a check: what the check learned and what the health rules decided. */
export interface ProxyCheckOutcome {
  id: string;
  status: ProxyStatus;
  consecutiveFailures: number;
  successRate: number | null;
  lastCheckedAt: Date;
  /** The rest only when the check succeeded (a failure keeps the last known exit, latency, place). */
  success: {
    latencyMs: number;
    exitIp: string;
    anonymity: ProxyAnonymity | null;
    supportsConnect: boolean;
    country: string | null;
    region: string | null;
    city: string | null;
    asn: number | null;
  } | null;
}

/**
 * Writes the outcomes in one statement; a proxy blacklisted meanwhile is left as it is. Answers the
 * rows as they are now.
 */
export async function applyProxyCheckOutcomes(
  db: DatabaseOrTransaction,
  outcomes: ProxyCheckOutcome[],
): Promise<ProxyRow[]> {
  if (outcomes.length === 0) return [];
  const values = JSON.stringify(
    outcomes.map(({ success, ...outcome }) => ({ ...outcome, ok: success !== null, ...success })),
  );
  const updated = await db.execute<{ id: string }>(sql`
    UPDATE proxies p SET
      status = r.status,
      consecutive_failures = r."consecutiveFailures",
      success_rate = r."successRate",
      last_checked_at = r."lastCheckedAt",
      latency_ms = CASE WHEN r.ok THEN r."latencyMs" ELSE p.latency_ms END,
      exit_ip = CASE WHEN r.ok THEN r."exitIp" ELSE p.exit_ip END,
      anonymity = CASE WHEN r.ok THEN r.anonymity ELSE p.anonymity END,
      supports_connect = CASE WHEN r.ok THEN r."supportsConnect" ELSE p.supports_connect END,
      country = CASE WHEN r.ok THEN r.country ELSE p.country END,
      region = CASE WHEN r.ok THEN r.region ELSE p.region END,
      city = CASE WHEN r.ok THEN r.city ELSE p.city END,
      asn = CASE WHEN r.ok THEN r.asn ELSE p.asn END,
      updated_at = now()
    FROM jsonb_to_recordset(${values}::jsonb) AS r(
      id uuid, status proxy_status, "consecutiveFailures" int, "successRate" real,
      "lastCheckedAt" timestamptz, ok boolean, "latencyMs" int, "exitIp" text,
      anonymity proxy_anonymity, "supportsConnect" boolean, country text, region text, city text, asn int
    )
    WHERE p.id = r.id AND p.status <> 'BLACKLISTED'
    RETURNING p.id`);
  const ids = updated.rows.map((row) => row.id);
  if (ids.length === 0) return [];
  return db.select().from(proxies).where(inArray(proxies.id, ids)).orderBy(proxies.id);
}

/** A proxy's checks since `since`, newest first (proxy_checks_proxy_at_idx). */
export async function listProxyChecks(
  db: DatabaseOrTransaction,
  params: { organizationId: string; proxyId: string; since: Date },
): Promise<ProxyCheckRow[]> {
  return db
    .select()
    .from(proxyChecks)
    .where(
      and(
        eq(proxyChecks.organizationId, params.organizationId),
        eq(proxyChecks.proxyId, params.proxyId),
        gte(proxyChecks.at, params.since),
      ),
    )
    .orderBy(desc(proxyChecks.at), desc(proxyChecks.id));
}

/** Removes checks older than `before` (proxy_checks_at_idx); answers how many went. */
export async function pruneProxyChecks(db: DatabaseOrTransaction, before: Date): Promise<number> {
  const result = await db.delete(proxyChecks).where(lt(proxyChecks.at, before));
  return result.rowCount ?? 0;
}

/**
 * The next `limit` proxies, of every organization, that a health pass should check: not
 * BLACKLISTED, never checked or last checked before `dueBefore`; after `afterId` in id order (a
 * keyset page over the primary key).
 */
export async function nextDueProxies(
  db: DatabaseOrTransaction,
  params: { afterId: string | null; dueBefore: Date; limit: number },
): Promise<ProxyRow[]> {
  return db
    .select()
    .from(proxies)
    .where(
      and(
        ne(proxies.status, 'BLACKLISTED'),
        or(isNull(proxies.lastCheckedAt), lt(proxies.lastCheckedAt, params.dueBefore)),
        params.afterId ? gt(proxies.id, params.afterId) : undefined,
      ),
    )
    .orderBy(asc(proxies.id))
    .limit(params.limit);
}
