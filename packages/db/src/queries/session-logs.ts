import type { LogLevel } from '@fleetwright/contracts';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type NewSessionLogRow, type SessionLogRow, sessionLogs } from '../schema/session-logs.ts';

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Levels at or above `level`. */
export function levelsFrom(level: LogLevel): LogLevel[] {
  return LEVELS.slice(LEVELS.indexOf(level));
}

export async function insertSessionLogs(
  db: DatabaseOrTransaction,
  rows: NewSessionLogRow[],
): Promise<SessionLogRow[]> {
  if (rows.length === 0) return [];
  return db.insert(sessionLogs).values(rows).returning();
}

export async function listSessionLogs(
  db: DatabaseOrTransaction,
  params: {
    organizationId: string;
    /** One session's lines, or those of several (an execution's sessions). */
    sessionId: string | string[];
    since?: Date;
    level?: LogLevel;
    page: number;
    pageSize: number;
  },
): Promise<{ rows: SessionLogRow[]; total: number }> {
  const conditions: SQL[] = [
    eq(sessionLogs.organizationId, params.organizationId),
    Array.isArray(params.sessionId)
      ? inArray(sessionLogs.sessionId, params.sessionId)
      : eq(sessionLogs.sessionId, params.sessionId),
  ];
  if (params.since) conditions.push(gte(sessionLogs.at, params.since));
  if (params.level) conditions.push(inArray(sessionLogs.level, levelsFrom(params.level)));
  const where = and(...conditions);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(sessionLogs)
      .where(where)
      .orderBy(desc(sessionLogs.at), desc(sessionLogs.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(sessionLogs).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function pruneSessionLogs(db: DatabaseOrTransaction, before: Date): Promise<number> {
  const deleted = await db
    .delete(sessionLogs)
    .where(lt(sessionLogs.at, before))
    .returning({ id: sessionLogs.id });
  return deleted.length;
}
