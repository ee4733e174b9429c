import type {
  ProxyRotation,
  SessionPoolProxyEndpoint,
  SessionProxy,
  SessionProxyProvider,
  SessionScript,
  Viewport,
} from '@fleetwright/contracts';
import { sessionStatuses } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { executions } from './executions.ts';
import { organizations } from './organizations.ts';
import { profiles } from './profiles.ts';
import { proxies } from './proxies.ts';
import { proxyProviders } from './proxy-providers.ts';
import { workers } from './workers.ts';

export const sessionStatus = pgEnum('session_status', sessionStatuses);
export const sessionIsolation = pgEnum('session_isolation', ['context', 'browser']);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: sessionStatus('status').notNull().default('STOPPED'),
    isolation: sessionIsolation('isolation').notNull().default('context'),
    startUrl: text('start_url').notNull(),
    currentUrl: text('current_url'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    viewport: jsonb('viewport').$type<Viewport>(),
    device: text('device'),
    locale: text('locale'),
    timezone: text('timezone'),
    geolocation: jsonb('geolocation').$type<{ latitude: number; longitude: number; accuracy?: number }>(),
    userAgent: text('user_agent'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** Encrypted (packages/secrets, context `sessions.proxy_url:<id>`): it may carry a password. */
    proxyUrl: text('proxy_url'),
    /** The proxy URL with its password replaced by `***`, for the API and the dashboard. */
    proxyDisplay: text('proxy_display'),
    /** The pool option as asked (issue 10): `{ proxyId }` or `{ strategy, country?, tags? }`. */
    proxy: jsonb('proxy').$type<SessionProxy>(),
    /** The pool proxy assigned at the last (re)start, rotation or change; null once it is deleted. */
    proxyId: uuid('proxy_id').references(() => proxies.id, { onDelete: 'set null' }),
    /** Protocol, host and port of that proxy when it was assigned (shown; never its credentials). */
    poolProxy: jsonb('pool_proxy').$type<SessionPoolProxyEndpoint>(),
    /** Its country when it was assigned; a provider option's country as asked. */
    proxyCountry: text('proxy_country'),
    /** The provider entry of a `{ providerId }` option; null once the entry is deleted. */
    proxyProviderId: uuid('proxy_provider_id').references(() => proxyProviders.id, { onDelete: 'set null' }),
    /** Its id, name and kind when the session took it (shown; never its credentials). */
    proxyProvider: jsonb('proxy_provider').$type<SessionProxyProvider>(),
    /**
     * The sticky key in the provider's username (null: rotating exits): the session's id, kept
     * across restarts so the exit stays; a rotation replaces it (providerStickyKey).
     */
    proxyStickyKey: text('proxy_sticky_key'),
    proxyRotation: jsonb('proxy_rotation')
      .$type<ProxyRotation>()
      .notNull()
      .default({ onFailure: false, everyMinutes: null }),
    /** Locale and time zone from the proxy's country at each start. */
    geoFromProxy: boolean('geo_from_proxy').notNull().default(false),
    script: jsonb('script').$type<SessionScript>(),
    /** The profile (issue 12) whose storage each start loads; null once the profile is deleted. */
    profileId: uuid('profile_id').references((): AnyPgColumn => profiles.id, { onDelete: 'set null' }),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'set null' }),
    /** The job execution that started it (issue 11); null for a session started by hand. */
    executionId: uuid('execution_id').references((): AnyPgColumn => executions.id, { onDelete: 'set null' }),
    browserPid: integer('browser_pid'),
    restartCount: integer('restart_count').notNull().default(0),
    lastError: text('last_error'),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /sessions (listSessions): an organization's sessions, newest first, in exactly the list's
    // ORDER BY created_at DESC, id DESC — NULLS FIRST, as Postgres reads a bare DESC, where Drizzle's
    // index .desc() alone means NULLS LAST and then serves no ORDER BY: every list sorted all of
    // the organization's rows (issue 9: 10,000 sessions). Also how the admission read
    // (getSessionAdmission) finds an organization's active sessions: by the leading organization_id.
    index('sessions_org_created_id_idx').on(
      table.organizationId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // GET /sessions?tag=…
    index('sessions_tags_idx').using('gin', table.tags),
    // An execution's sessions (cancel stops them; GET /executions/:id/logs) and ON DELETE SET NULL.
    index('sessions_execution_idx').on(table.executionId),
    // Failover: the active sessions of a worker that stopped heartbeating.
    index('sessions_worker_idx').on(table.workerId),
    // The proxies list's sessionsUsing (count of active sessions per proxy), and ON DELETE SET NULL.
    index('sessions_proxy_idx').on(table.proxyId),
    // ON DELETE SET NULL of a profile.
    index('sessions_profile_idx').on(table.profileId),
    // ON DELETE SET NULL of a provider entry.
    index('sessions_proxy_provider_idx').on(table.proxyProviderId),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;
export type NewSessionRow = typeof sessions.$inferInsert;
