import { and, asc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type InstanceMetricRow, instanceMetrics } from '../schema/instance-metrics.ts';
import { instances } from '../schema/instances.ts';

export async function insertInstanceMetric(
  db: DatabaseOrTransaction,
  row: Omit<InstanceMetricRow, 'resolution'>,
): Promise<void> {
  await db
    .insert(instanceMetrics)
    .values({ ...row, resolution: 'raw' })
    .onConflictDoNothing();
}

/**
 * Samples of one instance in time order: 1-minute averages where raw samples have been folded,
 * raw samples after that.
 */
export async function listInstanceMetrics(
  db: DatabaseOrTransaction,
  params: { organizationId: string; instanceId: string; from?: Date; to?: Date; limit?: number },
): Promise<InstanceMetricRow[]> {
  const conditions: SQL[] = [
    eq(instanceMetrics.instanceId, params.instanceId),
    // Scope by organization through the owning instance.
    sql`EXISTS (SELECT 1 FROM ${instances} WHERE ${instances.id} = ${instanceMetrics.instanceId} AND ${instances.organizationId} = ${params.organizationId})`,
  ];
  if (params.from) conditions.push(gte(instanceMetrics.at, params.from));
  if (params.to) conditions.push(lte(instanceMetrics.at, params.to));
  return db
    .select()
    .from(instanceMetrics)
    .where(and(...conditions))
    .orderBy(asc(instanceMetrics.at))
    .limit(params.limit ?? 5000);
}

/**
 * Folds raw samples older than `rawBefore` into 1-minute averages (network bytes are summed) and
 * deletes 1-minute rows older than `keepAfter`. One statement each, so a crash leaves either the
 * raw rows or their average, never neither.
 */
export async function downsampleInstanceMetrics(
  db: DatabaseOrTransaction,
  params: { rawBefore: Date; keepAfter: Date },
): Promise<{ folded: number; pruned: number }> {
  const folded = await db.execute(sql`
    WITH moved AS (
      DELETE FROM instance_metrics
      WHERE resolution = 'raw' AND at < ${params.rawBefore}
      RETURNING *
    ), averaged AS (
      INSERT INTO instance_metrics
        (instance_id, resolution, at, cpu_percent, rss_bytes, js_heap_bytes, net_in_bytes, net_out_bytes)
      SELECT instance_id, '1m', date_trunc('minute', at), avg(cpu_percent), avg(rss_bytes)::bigint,
             avg(js_heap_bytes)::bigint, sum(net_in_bytes), sum(net_out_bytes)
      FROM moved
      GROUP BY instance_id, date_trunc('minute', at)
      ON CONFLICT (instance_id, resolution, at) DO UPDATE SET
        cpu_percent = (instance_metrics.cpu_percent + excluded.cpu_percent) / 2,
        rss_bytes = (instance_metrics.rss_bytes + excluded.rss_bytes) / 2,
        js_heap_bytes = (instance_metrics.js_heap_bytes + excluded.js_heap_bytes) / 2,
        net_in_bytes = instance_metrics.net_in_bytes + excluded.net_in_bytes,
        net_out_bytes = instance_metrics.net_out_bytes + excluded.net_out_bytes
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS folded
  `);
  const pruned = await db
    .delete(instanceMetrics)
    .where(and(eq(instanceMetrics.resolution, '1m'), sql`${instanceMetrics.at} < ${params.keepAfter}`))
    .returning({ at: instanceMetrics.at });
  return {
    folded: Number((folded.rows[0] as { folded: number } | undefined)?.folded ?? 0),
    pruned: pruned.length,
  };
}
