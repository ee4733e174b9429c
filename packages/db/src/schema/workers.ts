import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const workers = pgTable('workers', {
  /** Chosen by the worker process at start; a restarted worker is a new row. */
  id: uuid('id').primaryKey(),
  host: text('host').notNull(),
  /** Base URL of the worker's internal RPC listener, e.g. http://10.0.0.5:41234. */
  address: text('address').notNull(),
  version: text('version').notNull(),
  capacity: integer('capacity').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when the worker shut down cleanly. */
  stoppedAt: timestamp('stopped_at', { withTimezone: true }),
});

export type WorkerRow = typeof workers.$inferSelect;
