import { proxyProviderKinds } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const proxyProviderKind = pgEnum('proxy_provider_kind', proxyProviderKinds);

/**
 * Provider entries: one account at a commercial proxy provider (Bright Data, Decodo, Oxylabs,
 * ProxyMesh) that yields a proxy per session, for a country and a sticky key
 * (packages/contracts/src/proxy-providers.ts builds the URL).
 */
export const proxyProviders = pgTable(
  'proxy_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: proxyProviderKind('kind').notNull(),
    /** Bright Data: the customer id; others: the proxy user's name. */
    username: text('username').notNull(),
    /** Bright Data only. */
    zone: text('zone'),
    /** Encrypted (packages/secrets, context `proxy_providers.password:<id>`); never leaves through the API. */
    password: text('password').notNull(),
    /** The gateway, when not the preset's. */
    host: text('host'),
    port: integer('port'),
    /** ISO 3166-1 alpha-2, upper-case; empty: any the provider serves. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    /** Minutes a sticky exit lasts, where the provider lets the user say. */
    stickyMinutes: integer('sticky_minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One name per organization (POST and PATCH answer 409 on a second), and GET /proxy-providers:
    // an organization's entries in the list's ORDER BY name, id.
    uniqueIndex('proxy_providers_org_name_idx').on(table.organizationId, table.name),
  ],
);

export type ProxyProviderRow = typeof proxyProviders.$inferSelect;
export type NewProxyProviderRow = typeof proxyProviders.$inferInsert;
