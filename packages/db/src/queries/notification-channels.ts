import { and, asc, count, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.ts';
import {
  type NewNotificationChannelRow,
  type NotificationChannelRow,
  notificationChannels,
} from '../schema/notification-channels.ts';

export interface NotificationChannelKey {
  organizationId: string;
  id: string;
}

const keyWhere = (key: NotificationChannelKey) =>
  and(eq(notificationChannels.organizationId, key.organizationId), eq(notificationChannels.id, key.id));

export async function getNotificationChannel(
  db: DatabaseOrTransaction,
  key: NotificationChannelKey,
): Promise<NotificationChannelRow | undefined> {
  const [row] = await db.select().from(notificationChannels).where(keyWhere(key));
  return row;
}

/** An organization's channels by name (notification_channels_org_idx). */
export async function listNotificationChannels(
  db: DatabaseOrTransaction,
  params: { organizationId: string; page: number; pageSize: number },
): Promise<{ rows: NotificationChannelRow[]; total: number }> {
  const where = eq(notificationChannels.organizationId, params.organizationId);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(notificationChannels)
      .where(where)
      .orderBy(asc(notificationChannels.name), asc(notificationChannels.id))
      .limit(params.pageSize)
      .offset((params.page - 1) * params.pageSize),
    db.select({ total: count() }).from(notificationChannels).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function insertNotificationChannel(
  db: DatabaseOrTransaction,
  values: NewNotificationChannelRow & { id: string; organizationId: string },
): Promise<NotificationChannelRow> {
  const [row] = await db.insert(notificationChannels).values(values).returning();
  return row!;
}

export async function updateNotificationChannel(
  db: DatabaseOrTransaction,
  key: NotificationChannelKey,
  values: Partial<NewNotificationChannelRow>,
): Promise<NotificationChannelRow | undefined> {
  const [row] = await db
    .update(notificationChannels)
    .set({ ...values, updatedAt: new Date() })
    .where(keyWhere(key))
    .returning();
  return row;
}

export async function deleteNotificationChannel(
  db: DatabaseOrTransaction,
  key: NotificationChannelKey,
): Promise<NotificationChannelRow | undefined> {
  const [row] = await db.delete(notificationChannels).where(keyWhere(key)).returning();
  return row;
}
