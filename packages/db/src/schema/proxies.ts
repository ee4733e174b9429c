import { proxyAnonymities, proxyProtocols, proxyStatuses } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const proxyProtocol = pgEnum('proxy_protocol', proxyProtocols);
export const proxyStatus = pgEnum('proxy_status', proxyStatuses);
export const proxyAnonymity = pgEnum('proxy_anonymity', proxyAnonymities);

/**
 * The organization's proxy pool. Users bring their own proxies (by hand, an import, a provider);
 * Fleetwright never harvests public lists. The health and geolocation columns are null until the
 * checking engine fills them.
 */
export const proxies = pgTable(
  'proxies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    protocol: proxyProtocol('protocol').notNull().default('http'),
    /** Lower-case; IPv6 without brackets. */
    host: text('host').notNull(),
    port: integer('port').notNull(),
    username: text('username'),
    /** Encrypted (packages/secrets, context `proxies.password:<id>`); never leaves through the API. */
    password: text('password'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    status: proxyStatus('status').notNull().default('UNCHECKED'),
    country: text('country'),
    region: text('region'),
    city: text('city'),
    asn: integer('asn'),
    exitIp: text('exit_ip'),
    latencyMs: integer('latency_ms'),
    /** 0–1 over the health window. */
    successRate: real('success_rate'),
    anonymity: proxyAnonymity('anonymity'),
    supportsConnect: boolean('supports_connect'),
    /** Failed checks in a row, for DOWN; a success resets it. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One proxy per (protocol, host, port, user) in an organization: what an import merges on
    // (upsertProxies' ON CONFLICT, findProxyIds) and what POST /proxies refuses twice. No user and
    // an empty user are the same proxy.
    uniqueIndex('proxies_identity_idx').on(
      table.organizationId,
      table.protocol,
      table.host,
      table.port,
      sql`coalesce("username", '')`,
    ),
    // GET /proxies (listProxies): an organization's proxies in the list's ORDER BY created_at DESC,
    // id DESC (NULLS FIRST, as Postgres reads a bare DESC; see sessions_org_created_id_idx), and
    // the organization's count for the quota (countProxies).
    index('proxies_org_created_id_idx').on(
      table.organizationId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // GET /proxies?tag=…
    index('proxies_tags_idx').using('gin', table.tags),
    // Least-recently-used and country picks (pickProxy): the candidates of an organization in the
    // pick's own ORDER BY (tier, last_used_at NULLS FIRST, id), so a pick reads the first rows of
    // the index instead of sorting the pool. Partial on the pickable statuses, the picks' WHERE.
    index('proxies_pick_lru_idx')
      .on(
        table.organizationId,
        sql`(${table.status} = 'DEGRADED')`,
        table.lastUsedAt.asc().nullsFirst(),
        table.id,
      )
      .where(sql`${table.status} IN ('HEALTHY', 'UNCHECKED', 'DEGRADED')`),
  ],
);

export type ProxyRow = typeof proxies.$inferSelect;
export type NewProxyRow = typeof proxies.$inferInsert;

/** Check history, written by the checking engine; pruned by age. */
export const proxyChecks = pgTable(
  'proxy_checks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    proxyId: uuid('proxy_id')
      .notNull()
      .references(() => proxies.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ok: boolean('ok').notNull(),
    latencyMs: integer('latency_ms'),
    error: text('error'),
    exitIp: text('exit_ip'),
  },
  (table) => [
    // A proxy's checks in a time window, newest first (success rate, mean latency, the history chart).
    index('proxy_checks_proxy_at_idx').on(table.proxyId, table.at.desc()),
    // Pruning: DELETE … WHERE at < now() - retention.
    index('proxy_checks_at_idx').on(table.at),
  ],
);

export type ProxyCheckRow = typeof proxyChecks.$inferSelect;
export type NewProxyCheckRow = typeof proxyChecks.$inferInsert;
