import type { AuditAction } from '@fleetwright/contracts';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Who did what, when, from where. Rows outlive what they mention (no foreign keys to users, keys or
 * sessions): an audit trail must survive the deletion it records. Account events (sign-in, 2FA)
 * have no organization; an ADMIN sees them for the members of theirs.
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    action: text('action').$type<AuditAction>().notNull(),
    actor: text('actor'),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /audit-logs: an organization's events, newest first.
    index('audit_logs_org_created_idx').on(table.organizationId, table.createdAt.desc()),
    // The same for account events of the organization's members.
    index('audit_logs_actor_created_idx').on(table.actorUserId, table.createdAt.desc()),
  ],
);

export type AuditLogRow = typeof auditLogs.$inferSelect;
export type NewAuditLogRow = typeof auditLogs.$inferInsert;
