import type { LogLevel } from '@fleetwright/contracts';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type InstanceLogRow, instanceLogs, type NewInstanceLogRow } from '../schema/instance-logs.ts';

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Levels at or above `level`. */
export function levelsFrom(level: LogLevel): LogLevel[] {
  return LEVELS.slice(LEVELS.indexOf(level));
}

export async function insertInstanceLogs(
  db: DatabaseOrTransaction,
  rows: NewInstanceLogRow[],
): Promise<InstanceLogRow[]> {
  if (rows.length === 0) return [];
  return db.insert(instanceLogs).values(rows).returning();
}

export async function listInstanceLogs(
  db: DatabaseOrTransaction,
  params: {
    organizationId: string;
    instanceId: string;
    since?: Date;
    level?: LogLevel;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: InstanceLogRow[]; total: number }> {
  const conditions: SQL[] = [
    eq(instanceLogs.organizationId, params.organizationId),
    eq(instanceLogs.instanceId, params.instanceId),
  ];
  if (params.since) conditions.push(gte(instanceLogs.at, params.since));
  if (params.level) conditions.push(inArray(instanceLogs.level, levelsFrom(params.level)));
  const where = and(...conditions);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(instanceLogs)
      .where(where)
      .orderBy(desc(instanceLogs.at), desc(instanceLogs.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(instanceLogs).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function pruneInstanceLogs(db: DatabaseOrTransaction, before: Date): Promise<number> {
  const deleted = await db
    .delete(instanceLogs)
    .where(lt(instanceLogs.at, before))
    .returning({ id: instanceLogs.id });
  return deleted.length;
}
