import { notificationChannelKinds } from '@fleetwright/contracts';
import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const notificationChannelKind = pgEnum('notification_channel_kind', notificationChannelKinds);

/** What a channel keeps in the open, by kind; its secret part is in `secret`. */
export interface NotificationChannelSettings {
  /** email */
  to?: string[];
  /** webhook (slack and discord keep their URL in `secret`: the URL is the credential) */
  url?: string;
  /** telegram */
  chatId?: string;
}

/** Where a job's notifications go (issue 11): email, a signed webhook, Slack, Discord, Telegram. */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: notificationChannelKind('kind').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<NotificationChannelSettings>().notNull().default({}),
    /**
     * Encrypted (context `notification_channels.secret:<id>`): the Slack / Discord URL, the
     * Telegram bot token, a webhook's signing secret; null for email.
     */
    secret: text('secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /notification-channels: an organization's channels by name.
    index('notification_channels_org_idx').on(table.organizationId, table.name),
  ],
);

export type NotificationChannelRow = typeof notificationChannels.$inferSelect;
export type NewNotificationChannelRow = typeof notificationChannels.$inferInsert;
