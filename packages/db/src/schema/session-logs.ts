import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions } from './sessions.ts';

export const sessionLogs = pgTable(
  'session_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
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
    // GET /sessions/:id/logs, newest first; retention prunes by `at`.
    index('session_logs_session_at_idx').on(table.sessionId, table.at.desc()),
    index('session_logs_at_idx').on(table.at),
  ],
);

export type SessionLogRow = typeof sessionLogs.$inferSelect;
export type NewSessionLogRow = typeof sessionLogs.$inferInsert;
