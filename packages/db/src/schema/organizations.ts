import { pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type OrganizationRow = typeof organizations.$inferSelect;
