import { proxyValidationStatuses } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { proxies } from './proxies.ts';

export const proxyValidationStatus = pgEnum('proxy_validation_status', proxyValidationStatuses);

/**
 * A validation run (POST /proxies/validate): checked by a `proxy-validation` queue job, so it
 * survives a server restart. The counters move with each batch of results written.
 */
export const proxyValidations = pgTable(
  'proxy_validations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: proxyValidationStatus('status').notNull().default('QUEUED'),
    total: integer('total').notNull(),
    checked: integer('checked').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    // "Does the organization have a run in progress?" (one at a time: a double click starts one run).
    index('proxy_validations_org_active_idx')
      .on(table.organizationId)
      .where(sql`${table.status} IN ('QUEUED', 'RUNNING')`),
  ],
);

export type ProxyValidationRow = typeof proxyValidations.$inferSelect;

/**
 * The proxies of a run, fixed when it was asked for (a proxy added later is not in it), one row
 * each rather than a uuid[] on the run: the worker reads them in keyset batches (constant memory,
 * however large the pool) and marks each one checked in the same transaction as its result, which
 * is what lets a retried job resume where a dead worker left off. A deleted proxy leaves the run.
 */
export const proxyValidationProxies = pgTable(
  'proxy_validation_proxies',
  {
    validationId: uuid('validation_id')
      .notNull()
      .references(() => proxyValidations.id, { onDelete: 'cascade' }),
    proxyId: uuid('proxy_id')
      .notNull()
      .references(() => proxies.id, { onDelete: 'cascade' }),
    /** Null until checked, then whether the check succeeded. */
    ok: boolean('ok'),
  },
  (table) => [
    // The run's proxies in id order (the worker's keyset batches) is the primary key's order.
    primaryKey({ columns: [table.validationId, table.proxyId] }),
    // ON DELETE CASCADE from proxies.
    index('proxy_validation_proxies_proxy_idx').on(table.proxyId),
  ],
);
