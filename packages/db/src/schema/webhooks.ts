import { webhookDeliveryStatuses } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', webhookDeliveryStatuses);

/** An organization's webhook: where events of the catalogue it subscribes to are POSTed, signed. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Names from webhookEventNames. */
    events: text('events').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    /** The signing secret (`whsec_…`), encrypted (packages/secrets, context `webhooks.secret:<id>`). */
    secret: text('secret').notNull(),
    /** Deliveries in a row that failed every attempt; reset by a delivered one. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /webhooks (an organization's, newest first) and the outbox's subscriptions of an organization.
    index('webhooks_org_idx').on(table.organizationId, table.createdAt),
  ],
);

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = typeof webhooks.$inferInsert;

/** One event for one webhook: delivered through the webhook-delivery queue; its id is the receiver's idempotency key. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The event's payload: the body's `data`. */
    data: jsonb('data').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('PENDING'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (table) => [
    // GET /webhooks/:id/deliveries: a webhook's deliveries, newest first.
    index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt),
    // Retention (pruneWebhookDeliveries): deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS.
    index('webhook_deliveries_created_idx').on(table.createdAt),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert;

/** Every HTTP attempt of a delivery, as the receiver answered it (or why none answered). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    /** The first 2 KiB of the response body. */
    responseExcerpt: text('response_excerpt'),
    error: text('error'),
  },
  (table) => [
    // GET /webhooks/:id/deliveries/:deliveryId: a delivery's attempts in order.
    index('webhook_attempts_delivery_idx').on(table.deliveryId, table.at),
  ],
);

export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
