import { bigint, index, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sessions } from './sessions.ts';

/**
 * `raw` rows are the 5-second samples; older ones are folded into `1m` averages, which are kept
 * longer (METRICS_RAW_RETENTION_HOURS, METRICS_RETENTION_DAYS).
 */
export const sessionMetrics = pgTable(
  'session_metrics',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    resolution: text('resolution', { enum: ['raw', '1m'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    cpuPercent: real('cpu_percent').notNull(),
    rssBytes: bigint('rss_bytes', { mode: 'number' }).notNull(),
    jsHeapBytes: bigint('js_heap_bytes', { mode: 'number' }).notNull(),
    netInBytes: bigint('net_in_bytes', { mode: 'number' }).notNull(),
    netOutBytes: bigint('net_out_bytes', { mode: 'number' }).notNull(),
  },
  (table) => [
    // GET /sessions/:id/metrics?from&to reads one session's samples in time order.
    primaryKey({ columns: [table.sessionId, table.resolution, table.at] }),
    // Downsampling and retention scan by resolution and age.
    index('session_metrics_resolution_at_idx').on(table.resolution, table.at),
  ],
);

export type SessionMetricRow = typeof sessionMetrics.$inferSelect;
