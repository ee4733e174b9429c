import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { instances } from './instances.ts';

export const instanceLogs = pgTable(
  'instance_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    level: text('level', { enum: ['debug', 'info', 'warn', 'error'] }).notNull(),
    source: text('source', {
      enum: ['console', 'pageerror', 'request', 'navigation', 'lifecycle', 'script'],
    }).notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /instances/:id/logs, newest first; retention prunes by `at`.
    index('instance_logs_instance_at_idx').on(table.instanceId, table.at.desc()),
    index('instance_logs_at_idx').on(table.at),
  ],
);

export type InstanceLogRow = typeof instanceLogs.$inferSelect;
export type NewInstanceLogRow = typeof instanceLogs.$inferInsert;
