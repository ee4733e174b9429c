import type { InstanceFilter, InstanceStatus } from '@fleetwright/contracts';
import {
  and,
  arrayContains,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type InstanceRow, instances, type NewInstanceRow } from '../schema/instances.ts';

export interface InstanceKey {
  organizationId: string;
  id: string;
}

function filterConditions(organizationId: string, filter: InstanceFilter): SQL[] {
  const conditions: SQL[] = [eq(instances.organizationId, organizationId)];
  if (filter.status) conditions.push(eq(instances.status, filter.status));
  if (filter.tag) conditions.push(arrayContains(instances.tags, [filter.tag]));
  if (filter.search) {
    const escaped = filter.search.replace(/[\\%_]/g, (char) => `\\${char}`);
    conditions.push(ilike(instances.name, `%${escaped}%`));
  }
  return conditions;
}

export async function insertInstance(
  db: DatabaseOrTransaction,
  values: NewInstanceRow,
): Promise<InstanceRow> {
  const [row] = await db.insert(instances).values(values).returning();
  return row!;
}

export async function getInstance(
  db: DatabaseOrTransaction,
  key: InstanceKey,
): Promise<InstanceRow | undefined> {
  const [row] = await db
    .select()
    .from(instances)
    .where(and(eq(instances.organizationId, key.organizationId), eq(instances.id, key.id)));
  return row;
}

export async function listInstances(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter: InstanceFilter; page: number; pageSize: number },
): Promise<{ rows: InstanceRow[]; total: number }> {
  const where = and(...filterConditions(params.organizationId, params.filter));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(instances)
      .where(where)
      .orderBy(desc(instances.createdAt), desc(instances.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(instances).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Rows matching a filter, for batch operations. */
export async function findInstances(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter?: InstanceFilter; ids?: string[] },
): Promise<InstanceRow[]> {
  const conditions = filterConditions(params.organizationId, params.filter ?? {});
  if (params.ids) conditions.push(inArray(instances.id, params.ids));
  return db
    .select()
    .from(instances)
    .where(and(...conditions))
    .orderBy(desc(instances.createdAt));
}

export async function updateInstance(
  db: DatabaseOrTransaction,
  key: InstanceKey,
  values: Partial<NewInstanceRow>,
): Promise<InstanceRow | undefined> {
  const [row] = await db
    .update(instances)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(instances.organizationId, key.organizationId), eq(instances.id, key.id)))
    .returning();
  return row;
}

export async function deleteInstance(
  db: DatabaseOrTransaction,
  key: InstanceKey,
): Promise<InstanceRow | undefined> {
  const [row] = await db
    .delete(instances)
    .where(and(eq(instances.organizationId, key.organizationId), eq(instances.id, key.id)))
    .returning();
  return row;
}

export interface TransitionResult {
  row: InstanceRow;
  previousStatus: InstanceStatus;
}

/**
 * Compare-and-set of the status: moves the instance to `to` only if it is in one of `from`, so two
 * actors (a user's stop, a worker's crash handler) never overwrite each other's transition.
 */
export async function transitionInstance(
  db: DatabaseOrTransaction,
  params: InstanceKey & {
    from: readonly InstanceStatus[];
    to: InstanceStatus;
    set?: Partial<NewInstanceRow>;
    /** Only if the instance is still owned by this worker. */
    workerId?: string;
  },
): Promise<TransitionResult | undefined> {
  const conditions = [
    eq(instances.organizationId, params.organizationId),
    eq(instances.id, params.id),
    inArray(instances.status, [...params.from]),
  ];
  if (params.workerId) conditions.push(eq(instances.workerId, params.workerId));
  // One statement, one round trip (it is on the start hot path twice). The subquery locks the row;
  // if a concurrent transition commits first, Postgres re-checks `from` against the new status.
  const previous = db
    .select({ id: instances.id, status: instances.status })
    .from(instances)
    .where(and(...conditions))
    .for('update')
    .as('previous');
  const [updated] = await db
    .update(instances)
    .set({ ...params.set, status: params.to, updatedAt: new Date() })
    .from(previous)
    .where(eq(instances.id, previous.id))
    .returning({ ...getTableColumns(instances), previousStatus: previous.status });
  if (!updated) return undefined;
  const { previousStatus, ...row } = updated;
  return { row, previousStatus };
}

/** Active instances held by workers that are gone, for failover. */
export async function findInstancesOfWorkers(
  db: DatabaseOrTransaction,
  workerIds: string[],
): Promise<InstanceRow[]> {
  if (workerIds.length === 0) return [];
  return db
    .select()
    .from(instances)
    .where(
      and(
        inArray(instances.workerId, workerIds),
        inArray(instances.status, ['STARTING', 'RUNNING', 'STOPPING']),
      ),
    );
}

export async function countActiveInstancesByWorker(db: DatabaseOrTransaction): Promise<Map<string, number>> {
  const rows = await db
    .select({ workerId: instances.workerId, active: count() })
    .from(instances)
    .where(
      sql`${instances.workerId} IS NOT NULL AND ${instances.status} IN ('STARTING','RUNNING','STOPPING')`,
    )
    .groupBy(instances.workerId);
  return new Map(rows.map((row) => [row.workerId!, row.active]));
}
