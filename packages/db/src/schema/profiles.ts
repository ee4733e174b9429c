import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { sessions } from './sessions.ts';

/**
 * Profiles (issue 12): a session's storage (cookies, localStorage, IndexedDB) saved under a name of
 * the organization. The state is sealed (packages/secrets, context `profiles.state:<id>`); the
 * other columns describe it, so a list never opens one.
 */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Playwright's storage state as JSON, sealed with the keyring; opened only by a worker. */
    state: text('state').notNull(),
    /** The state's JSON size in bytes, before sealing. */
    sizeBytes: integer('size_bytes').notNull(),
    cookieCount: integer('cookie_count').notNull(),
    /** Origins with storage, then cookie domains, deduplicated. */
    origins: text('origins').array().notNull().default(sql`'{}'::text[]`),
    /** The session it was saved from. */
    sessionId: uuid('session_id').references((): AnyPgColumn => sessions.id, { onDelete: 'set null' }),
    /** Who saved it: a user's email or an API key's prefix (the audit log's actor). */
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One name per organization (POST and PATCH answer 409 on a second); GET /profiles lists an
    // organization's profiles in ORDER BY name.
    uniqueIndex('profiles_org_name_idx').on(table.organizationId, table.name),
    // ON DELETE SET NULL of a session.
    index('profiles_session_idx').on(table.sessionId),
  ],
);

export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfileRow = typeof profiles.$inferInsert;
