import { createHash } from 'node:crypto';
import type { OrganizationPlan, QuotaOverrides, SessionFilter, SessionStatus } from '@fleetwright/contracts';
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
import { type NewSessionRow, type SessionRow, sessions } from '../schema/sessions.ts';

export interface SessionKey {
  organizationId: string;
  id: string;
}

function filterConditions(organizationId: string, filter: SessionFilter): SQL[] {
  const conditions: SQL[] = [eq(sessions.organizationId, organizationId)];
  if (filter.status) conditions.push(eq(sessions.status, filter.status));
  if (filter.tag) conditions.push(arrayContains(sessions.tags, [filter.tag]));
  if (filter.search) {
    const escaped = filter.search.replace(/[\\%_]/g, (char) => `\\${char}`);
    conditions.push(ilike(sessions.name, `%${escaped}%`));
  }
  return conditions;
}

export async function insertSession(db: DatabaseOrTransaction, values: NewSessionRow): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

export async function getSession(
  db: DatabaseOrTransaction,
  key: SessionKey,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.organizationId, key.organizationId), eq(sessions.id, key.id)));
  return row;
}

export async function listSessions(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter: SessionFilter; page: number; pageSize: number },
): Promise<{ rows: SessionRow[]; total: number }> {
  const where = and(...filterConditions(params.organizationId, params.filter));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(sessions)
      .where(where)
      .orderBy(desc(sessions.createdAt), desc(sessions.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(sessions).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Rows matching a filter, for batch operations. */
export async function findSessions(
  db: DatabaseOrTransaction,
  params: { organizationId: string; filter?: SessionFilter; ids?: string[] },
): Promise<SessionRow[]> {
  const conditions = filterConditions(params.organizationId, params.filter ?? {});
  if (params.ids) conditions.push(inArray(sessions.id, params.ids));
  return db
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.createdAt));
}

export async function updateSession(
  db: DatabaseOrTransaction,
  key: SessionKey,
  values: Partial<NewSessionRow>,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .update(sessions)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(sessions.organizationId, key.organizationId), eq(sessions.id, key.id)))
    .returning();
  return row;
}

export async function deleteSession(
  db: DatabaseOrTransaction,
  key: SessionKey,
): Promise<SessionRow | undefined> {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.organizationId, key.organizationId), eq(sessions.id, key.id)))
    .returning();
  return row;
}

export interface TransitionResult {
  row: SessionRow;
  previousStatus: SessionStatus;
}

/** Postgres notifications sent by the statement that moves the row, and only if it moves it. */
export interface TransitionNotify {
  channel: string;
  /** Sent in this order; each under Postgres's 8000-byte NOTIFY limit. */
  payloads: string[];
}

type TransitionParams = SessionKey & {
  from: readonly SessionStatus[];
  to: SessionStatus;
  set?: Partial<NewSessionRow>;
  /** Only if the session is still owned by this worker. */
  workerId?: string;
  /** The row's new updatedAt. @default now */
  at?: Date;
  /**
   * NOTIFY these in the same statement, so the event goes out with the row (delivered at commit,
   * never for a transition that did not happen) without a round trip of its own.
   */
  notify?: TransitionNotify;
};

type TransitionRow = SessionRow & { previousStatus: SessionStatus };
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
    eq(sessions.organizationId, sql.placeholder('organizationId')),
    eq(sessions.id, sql.placeholder('id')),
    inArray(sessions.status, [...params.from]),
  ];
  if (params.workerId !== undefined) conditions.push(eq(sessions.workerId, sql.placeholder('workerId')));
  // The subquery locks the row; if a concurrent transition commits first, Postgres re-checks `from`
  // against the new status.
  const previous = db
    .select({ id: sessions.id, status: sessions.status })
    .from(sessions)
    .where(and(...conditions))
    .for('update')
    .as('previous');
  // Drizzle wraps each placeholder in a Param of its column, so values are encoded as they would
  // be without one (its types only let inserts take placeholders, its runtime lets updates too).
  const set: Record<string, unknown> = { status: params.to, updatedAt: sql.placeholder('at') };
  for (const key of setKeys) set[key] = sql.placeholder(`set_${key}`);
  const name = `transition_${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`;
  return db
    .update(sessions)
    .set(set as PgUpdateSetSource<typeof sessions>)
    .from(previous)
    .where(eq(sessions.id, previous.id))
    .returning({
      ...getTableColumns(sessions),
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
 * Compare-and-set of the status: moves the session to `to` only if it is in one of `from`, so two
 * actors (a user's stop, a worker's crash handler) never overwrite each other's transition.
 *
 * One statement, one round trip (it is on the start hot path twice), and a prepared one: Postgres
 * parses and plans each shape once per connection, Drizzle builds it once per database handle.
 */
export async function transitionSession(
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

/** Active sessions held by workers that are gone, for failover. */
export async function findSessionsOfWorkers(
  db: DatabaseOrTransaction,
  workerIds: string[],
): Promise<SessionRow[]> {
  if (workerIds.length === 0) return [];
  return db
    .select()
    .from(sessions)
    .where(
      and(
        inArray(sessions.workerId, workerIds),
        inArray(sessions.status, ['STARTING', 'RUNNING', 'STOPPING']),
      ),
    );
}

export async function countActiveSessionsByWorker(db: DatabaseOrTransaction): Promise<Map<string, number>> {
  const rows = await db
    .select({ workerId: sessions.workerId, active: count() })
    .from(sessions)
    .where(sql`${sessions.workerId} IS NOT NULL AND ${sessions.status} IN ('STARTING','RUNNING','STOPPING')`)
    .groupBy(sessions.workerId);
  return new Map(rows.map((row) => [row.workerId!, row.active]));
}

/** Every stored proxy URL (encrypted or not), for the re-sealing done at server start. */
export async function listSessionProxyUrls(
  db: DatabaseOrTransaction,
): Promise<{ id: string; proxyUrl: string }[]> {
  const rows = await db
    .select({ id: sessions.id, proxyUrl: sessions.proxyUrl })
    .from(sessions)
    .where(sql`${sessions.proxyUrl} IS NOT NULL`);
  return rows as { id: string; proxyUrl: string }[];
}

/** Replaces a session's proxy columns (re-sealing; no organization: a platform-wide task). */
export async function setSessionProxyColumns(
  db: DatabaseOrTransaction,
  id: string,
  columns: Pick<NewSessionRow, 'proxyUrl' | 'proxyDisplay'>,
): Promise<void> {
  await db.update(sessions).set(columns).where(eq(sessions.id, id));
}

/** What admitting one more active session of an organization is decided on (apps/server sessions/policy.ts). */
export interface SessionAdmission {
  plan: OrganizationPlan;
  quotaOverrides: QuotaOverrides;
  blockedDomains: string[];
  sessionsPerDomain: number | null;
  /** Start (or current) URLs of the organization's active sessions, the one being admitted excluded. */
  activeUrls: string[];
}

interface SessionAdmissionRow extends Record<string, unknown> {
  plan: OrganizationPlan;
  quota_overrides: QuotaOverrides;
  blocked_domains: string[];
  sessions_per_domain: number | null;
  active_urls: string[];
}

/**
 * The organization's plan, target policy and active sessions, in one statement (undefined: no such
 * organization). For a start, run it in the transaction that activates the session, as the
 * statement right after the insert or the move to PENDING: that statement took the organization's
 * advisory lock (trigger `sessions_admission_lock`, migrations 0006 and 0007), held until the
 * transaction ends, so this read — a later statement, with a later snapshot — sees every start
 * committed before. Reading in the statement that takes the lock would not: a statement reads the
 * snapshot of when it began, before any wait for the lock.
 * The active sessions are found through `sessions_org_created_id_idx` (organization_id first).
 */
export async function getSessionAdmission(
  db: DatabaseOrTransaction,
  params: {
    organizationId: string;
    /** The session being admitted, left out of the active ones (it is already inserted or PENDING). */
    excludeSessionId?: string;
  },
): Promise<SessionAdmission | undefined> {
  const result = await db.execute<SessionAdmissionRow>(sql`
    SELECT o.plan, o.quota_overrides, o.blocked_domains, o.sessions_per_domain,
      coalesce((SELECT array_agg(coalesce(s.current_url, s.start_url)) FROM sessions s
        WHERE s.organization_id = o.id AND s.status IN ('PENDING', 'STARTING', 'RUNNING')
          AND s.id IS DISTINCT FROM ${params.excludeSessionId ?? null}::uuid), '{}') AS active_urls
    FROM organizations o WHERE o.id = ${params.organizationId}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    plan: row.plan,
    quotaOverrides: row.quota_overrides,
    blockedDomains: row.blocked_domains,
    sessionsPerDomain: row.sessions_per_domain,
    activeUrls: row.active_urls,
  };
}
