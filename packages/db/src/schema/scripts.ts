import type { ScriptLibrary } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const scriptVisibility = pgEnum('script_visibility', ['private', 'public']);

/**
 * Page scripts (issue 11). The source lives in script_versions; `latest_version` is the newest
 * version's number, bumped in the same transaction that inserts it.
 */
export const scripts = pgTable(
  'scripts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    latestVersion: integer('latest_version').notNull().default(1),
    /** `public`: listed in the marketplace, readable and forkable by any signed-in user. */
    visibility: scriptVisibility('visibility').notNull().default('private'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The marketplace script this was forked from; kept as a plain id when that one is deleted. */
    forkedFrom: uuid('forked_from'),
    /** Forks made of it from the marketplace. */
    downloads: integer('downloads').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /scripts: an organization's scripts, newest change first.
    index('scripts_org_updated_idx').on(table.organizationId, table.updatedAt),
    // GET /marketplace/scripts: the public ones only.
    index('scripts_public_idx').on(table.publishedAt).where(sql`${table.visibility} = 'public'`),
  ],
);

/** Immutable: a version is inserted once and never updated; a rollback inserts a new one. */
export const scriptVersions = pgTable(
  'script_versions',
  {
    scriptId: uuid('script_id')
      .notNull()
      .references(() => scripts.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    source: text('source').notNull(),
    libraries: text('libraries').array().$type<ScriptLibrary[]>().notNull().default(sql`'{}'::text[]`),
    message: text('message').notNull().default(''),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.scriptId, table.version] })],
);

/** One rating per user and script (PUT upserts it). */
export const scriptRatings = pgTable(
  'script_ratings',
  {
    scriptId: uuid('script_id')
      .notNull()
      .references(() => scripts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.scriptId, table.userId] }),
    check('script_ratings_rating_range', sql`${table.rating} BETWEEN 1 AND 5`),
  ],
);

export type ScriptRow = typeof scripts.$inferSelect;
export type NewScriptRow = typeof scripts.$inferInsert;
export type ScriptVersionRow = typeof scriptVersions.$inferSelect;
