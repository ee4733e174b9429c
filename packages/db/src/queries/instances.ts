import { createHash } from 'node:crypto';
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
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
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

/** Postgres notifications sent by the statement that moves the row, and only if it moves it. */
export interface TransitionNotify {
  channel: string;
  /** Sent in this order; each under Postgres's 8000-byte NOTIFY limit. */
  payloads: string[];
}

type TransitionParams = InstanceKey & {
  from: readonly InstanceStatus[];
  to: InstanceStatus;
  set?: Partial<NewInstanceRow>;
  /** Only if the instance is still owned by this worker. */
  workerId?: string;
  /** The row's new updatedAt. @default now */
  at?: Date;
  /**
   * NOTIFY these in the same statement, so the event goes out with the row (delivered at commit,
   * never for a transition that did not happen) without a round trip of its own.
   */
  notify?: TransitionNotify;
};

type TransitionRow = InstanceRow & { previousStatus: InstanceStatus };
type PreparedTransition = { execute(values: Record<string, unknown>): Promise<TransitionRow[]> };

/** Prepared transition statements by database handle, then by shape (see transitionShape). */
const preparedTransitions = new WeakMap<object, Map<string, PreparedTransition>>();

/** What makes two transitions the same statement: everything but the values. */
function transitionShape(params: TransitionParams, setKeys: string[]): string {
  return JSON.stringify([
    [...params.from].sort(),
    params.to,
    setKeys,
    params.workerId !== undefined,
    params.notify !== undefined,
  ]);
}

function prepareTransition(
  db: DatabaseOrTransaction,
  params: TransitionParams,
  setKeys: string[],
  shape: string,
): PreparedTransition {
  const conditions = [
    eq(instances.organizationId, sql.placeholder('organizationId')),
    eq(instances.id, sql.placeholder('id')),
    inArray(instances.status, [...params.from]),
  ];
  if (params.workerId !== undefined) conditions.push(eq(instances.workerId, sql.placeholder('workerId')));
  // The subquery locks the row; if a concurrent transition commits first, Postgres re-checks `from`
  // against the new status.
  const previous = db
    .select({ id: instances.id, status: instances.status })
    .from(instances)
    .where(and(...conditions))
    .for('update')
    .as('previous');
  // Drizzle wraps each placeholder in a Param of its column, so values are encoded as they would
  // be without one (its types only let inserts take placeholders, its runtime lets updates too).
  const set: Record<string, unknown> = { status: params.to, updatedAt: sql.placeholder('at') };
  for (const key of setKeys) set[key] = sql.placeholder(`set_${key}`);
  const name = `transition_${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`;
  return db
    .update(instances)
    .set(set as PgUpdateSetSource<typeof instances>)
    .from(previous)
    .where(eq(instances.id, previous.id))
    .returning({
      ...getTableColumns(instances),
      previousStatus: previous.status,
      // RETURNING runs once per moved row: here, once or not at all. unnest keeps the array's order.
      ...(params.notify
        ? {
            notified: sql<number>`(SELECT count(pg_notify(${sql.placeholder('channel')}, payload)) FROM unnest(${sql.placeholder('payloads')}::text[]) AS payload)`,
          }
        : {}),
    })
    .prepare(name) as unknown as PreparedTransition;
}

/**
 * Compare-and-set of the status: moves the instance to `to` only if it is in one of `from`, so two
 * actors (a user's stop, a worker's crash handler) never overwrite each other's transition.
 *
 * One statement, one round trip (it is on the start hot path twice), and a prepared one: Postgres
 * parses and plans each shape once per connection, Drizzle builds it once per database handle.
 */
export async function transitionInstance(
  db: DatabaseOrTransaction,
  params: TransitionParams,
): Promise<TransitionResult | undefined> {
  const values = Object.fromEntries(
    Object.entries(params.set ?? {}).filter(([, value]) => value !== undefined),
  );
  const setKeys = Object.keys(values).sort();
  const shape = transitionShape(params, setKeys);
  let statements = preparedTransitions.get(db);
  if (!statements) {
    statements = new Map();
    preparedTransitions.set(db, statements);
  }
  let statement = statements.get(shape);
  if (!statement) {
    statement = prepareTransition(db, params, setKeys, shape);
    statements.set(shape, statement);
  }
  const [updated] = await statement.execute({
    organizationId: params.organizationId,
    id: params.id,
    workerId: params.workerId,
    at: params.at ?? new Date(),
    channel: params.notify?.channel,
    payloads: params.notify?.payloads,
    ...Object.fromEntries(setKeys.map((key) => [`set_${key}`, values[key]])),
  });
  if (!updated) return undefined;
  const { previousStatus, notified: _notified, ...row } = updated as TransitionRow & { notified?: number };
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
