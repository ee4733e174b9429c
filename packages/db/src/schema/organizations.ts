import type { QuotaOverrides } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import { integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organizationPlan = pgEnum('organization_plan', ['FREE', 'PRO', 'ENTERPRISE']);

/** Also better-auth's `organization` model (logo and metadata are its fields). */
export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  metadata: text('metadata'),
  /** Set by a platform administrator; decides the quotas. */
  plan: organizationPlan('plan').notNull().default('FREE'),
  /** Quotas that differ from the plan's, set by a platform administrator. */
  quotaOverrides: jsonb('quota_overrides').$type<QuotaOverrides>().notNull().default({}),
  /** Target policy (ADMINs): domains sessions may not visit, with their subdomains. */
  blockedDomains: text('blocked_domains').array().notNull().default(sql`'{}'::text[]`),
  /** Target policy: active sessions per registrable domain at most; null = no cap. */
  sessionsPerDomain: integer('sessions_per_domain'),
  /**
   * Non-public hosts, addresses and CIDR ranges this organization's sessions may reach although
   * private targets are not allowed platform-wide; set by a platform administrator.
   */
  privateTargets: text('private_targets').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type OrganizationRow = typeof organizations.$inferSelect;
