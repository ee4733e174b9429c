import { memberRoles } from '@fleetwright/contracts';
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

export const memberRole = pgEnum('member_role', memberRoles);

/** Who belongs to an organization, with which role (better-auth's `member` model). */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('USER'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Every authenticated request: the caller's role in the organization.
    uniqueIndex('members_org_user_idx').on(table.organizationId, table.userId),
    // A user's organizations (switcher).
    index('members_user_idx').on(table.userId),
  ],
);

/** Invitations by email link, with expiry (better-auth's `invitation` model). */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: memberRole('role').notNull().default('USER'),
    /** pending, accepted, rejected, canceled */
    status: text('status').notNull().default('pending'),
    inviterId: uuid('inviter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // An organization's invitations.
    index('invitations_org_idx').on(table.organizationId),
    // Sign-up in invite mode: is this email invited?
    index('invitations_email_idx').on(table.email),
  ],
);

export type MemberRow = typeof members.$inferSelect;
