import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type SessionMetricRow, sessionMetrics } from '../schema/session-metrics.ts';
import { sessions } from '../schema/sessions.ts';

export async function insertSessionMetric(
  db: DatabaseOrTransaction,
  row: Omit<SessionMetricRow, 'resolution'>,
): Promise<void> {
  await db
    .insert(sessionMetrics)
    .values({ ...row, resolution: 'raw' })
    .onConflictDoNothing();
}

/**
 * Samples of one session in time order: 1-minute averages where raw samples have been folded,
 * raw samples after that.
 */
export async function listSessionMetrics(
  db: DatabaseOrTransaction,
  params: { organizationId: string; sessionId: string; from?: Date; to?: Date; limit?: number },
): Promise<SessionMetricRow[]> {
  const conditions: SQL[] = [
    eq(sessionMetrics.sessionId, params.sessionId),
    // Scope by organization through the owning session.
    sql`EXISTS (SELECT 1 FROM ${sessions} WHERE ${sessions.id} = ${sessionMetrics.sessionId} AND ${sessions.organizationId} = ${params.organizationId})`,
  ];
  if (params.from) conditions.push(gte(sessionMetrics.at, params.from));
  if (params.to) conditions.push(lte(sessionMetrics.at, params.to));
  return db
    .select()
    .from(sessionMetrics)
    .where(and(...conditions))
    .orderBy(asc(sessionMetrics.at))
    .limit(params.limit ?? 5000);
}

/**
 * Folds raw samples older than `rawBefore` into 1-minute averages (network bytes are summed) and
 * deletes 1-minute rows older than `keepAfter`. One statement each, so a crash leaves either the
 * raw rows or their average, never neither.
 */
export async function downsampleSessionMetrics(
  db: DatabaseOrTransaction,
  params: { rawBefore: Date; keepAfter: Date },
): Promise<{ folded: number; pruned: number }> {
  const folded = await db.execute(sql`
    WITH moved AS (
      DELETE FROM session_metrics
      WHERE resolution = 'raw' AND at < ${params.rawBefore}
      RETURNING *
    ), averaged AS (
      INSERT INTO session_metrics
        (session_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes)
      SELECT session_id, '1m', date_trunc('minute', at), avg(cpu_percent), avg(rss_bytes)::bigint,
             avg(js_heap_bytes)::bigint, sum(net_in_bytes), sum(net_out_bytes)
      FROM moved
      GROUP BY session_id, date_trunc('minute', at)
      ON CONFLICT (session_id, resolution, at) DO UPDATE SET
        cpu_percent = (session_metrics.cpu_percent + excluded.cpu_percent) / 2,
        rss_bytes = (session_metrics.rss_bytes + excluded.rss_bytes) / 2,
        js_heap_bytes = (session_metrics.js_heap_bytes + excluded.js_heap_bytes) / 2,
        net_in_bytes = session_metrics.net_in_bytes + excluded.net_in_bytes,
        net_out_bytes = session_metrics.net_out_bytes + excluded.net_out_bytes
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS folded
  `);
  const pruned = await db
    .delete(sessionMetrics)
    .where(and(eq(sessionMetrics.resolution, '1m'), sql`${sessionMetrics.at} < ${params.keepAfter}`))
    .returning({ at: sessionMetrics.at });
  return {
    folded: Number((folded.rows[0] as { folded: number } | undefined)?.folded ?? 0),
    pruned: pruned.length,
  };
}
