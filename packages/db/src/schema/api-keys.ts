import { apiKeyScopes } from '@fleetwright/contracts';
import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const apiKeyScope = pgEnum('api_key_scope', apiKeyScopes);

/**
 * API keys of an organization. The key itself (`fw_live_…`) is shown once; only its SHA-256 is
 * kept (the key has 190 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Who created it; the key acts with at most the scopes that user's role allows. */
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** The first characters of the key, to recognise it in lists (`fw_live_Ab3d`). */
    prefix: text('prefix').notNull(),
    /** hex SHA-256 of the whole key. */
    hash: text('hash').notNull().unique(),
    scopes: apiKeyScope('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // GET /api-keys: an organization's keys, newest first.
  (table) => [index('api_keys_org_created_idx').on(table.organizationId, table.createdAt.desc())],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
