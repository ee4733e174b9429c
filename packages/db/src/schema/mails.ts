import { mailStatuses } from '@fleetwright/contracts';
import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const mailStatus = pgEnum('mail_status', mailStatuses);

/**
 * Every mail the platform sends (verification, password reset, invitations). With no SMTP
 * configured a mail stays here as OUTBOX, readable by platform administrators: never dropped.
 */
export const mails = pgTable(
  'mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    status: mailStatus('status').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The outbox page: newest first.
  (table) => [index('mails_created_idx').on(table.createdAt.desc())],
);

export type MailRow = typeof mails.$inferSelect;
export type NewMailRow = typeof mails.$inferInsert;
