import type { AuditAction } from '@fleetwright/contracts';
import { and, count, desc, eq, gte, ilike, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import { type AuditLogRow, auditLogs, type NewAuditLogRow } from '../schema/audit-logs.ts';
import { members } from '../schema/members.ts';

export async function insertAuditLog(db: DatabaseOrTransaction, values: NewAuditLogRow): Promise<void> {
  await db.insert(auditLogs).values(values);
}

export interface AuditLogFilter {
  organizationId: string;
  action?: AuditAction;
  actor?: string;
  since?: Date;
  until?: Date;
}

/** An organization's events, and the account events (no organization) of its members, newest first. */
export async function listAuditLogs(
  db: DatabaseOrTransaction,
  filter: AuditLogFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditLogRow[]; total: number }> {
  const memberIds = db
    .select({ id: members.userId })
    .from(members)
    .where(eq(members.organizationId, filter.organizationId));
  const condition = and(
    or(
      eq(auditLogs.organizationId, filter.organizationId),
      and(isNull(auditLogs.organizationId), inArray(auditLogs.actorUserId, memberIds)),
    ),
    filter.action ? eq(auditLogs.action, filter.action) : undefined,
    filter.actor ? ilike(auditLogs.actor, `%${filter.actor.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
    filter.since ? gte(auditLogs.createdAt, filter.since) : undefined,
    filter.until ? lte(auditLogs.createdAt, filter.until) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLogs)
      .where(condition)
      .orderBy(desc(auditLogs.createdAt))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ value: count() }).from(auditLogs).where(condition),
  ]);
  return { rows, total: total?.value ?? 0 };
}
