import { pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Organization secrets (issue 11): named values step flows use as `{{secrets.NAME}}`. The value is
 * sealed (packages/secrets, context `secrets.value:<id>`) and never leaves through the API.
 */
export const secrets = pgTable(
  'secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** `API_TOKEN`: letters, digits and _. */
    name: text('name').notNull(),
    /** Sealed with the keyring; opened only by the worker that runs a flow. */
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One name per organization (POST and PATCH answer 409 on a second); GET /secrets lists an
    // organization's secrets in ORDER BY name, and a run opens all of them by organization.
    uniqueIndex('secrets_org_name_idx').on(table.organizationId, table.name),
  ],
);

export type SecretRow = typeof secrets.$inferSelect;
export type NewSecretRow = typeof secrets.$inferInsert;
