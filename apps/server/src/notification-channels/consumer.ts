import { type Config, publicUrl } from '@fleetwright/config';
import { type NotificationJob, queues } from '@fleetwright/contracts';
import { type Database, getNotificationChannel, getOrganizationPrivateTargets } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import type { PgBoss } from '@fleetwright/queue';
import { executionSubject, type LoadNotificationSubject, notificationMessage } from './messages.ts';
import { type ChannelSenderDeps, sendToChannel } from './senders.ts';

export interface NotificationConsumerOptions extends ChannelSenderDeps {
  db: Database;
  boss: PgBoss;
  config: Pick<Config, 'TELEGRAM_API_URL' | 'PUBLIC_URL' | 'HOST' | 'PORT'>;
  logger: Logger;
  /** Finds the job and execution of a notification. @default executionSubject (the executions table) */
  loadSubject?: LoadNotificationSubject;
}

/**
 * Consumes the notification queue (enqueued when an execution ends): one message to one channel.
 * A channel that is gone or disabled gets nothing; a send that fails throws, and pg-boss retries it.
 */
export async function startNotificationConsumer(
  options: NotificationConsumerOptions,
): Promise<{ stop(): Promise<void> }> {
  const loadSubject = options.loadSubject ?? executionSubject(options.db);
  const baseUrl = publicUrl(options.config);
  await options.boss.work<NotificationJob>(
    queues.notification,
    { pollingIntervalSeconds: 1 },
    async ([job]) => {
      if (!job) return;
      const channel = await getNotificationChannel(options.db, {
        organizationId: job.data.organizationId,
        id: job.data.channelId,
      });
      if (!channel?.enabled) return;
      const subject = await loadSubject(job.data);
      if (!subject) return;
      const privateTargets = await getOrganizationPrivateTargets(options.db, channel.organizationId);
      const result = await sendToChannel(
        options,
        channel,
        notificationMessage(subject, baseUrl),
        privateTargets,
      );
      if (!result.ok) {
        options.logger.warn({ channelId: channel.id, error: result.error }, 'notification not delivered');
        throw new Error(result.error ?? 'The notification was not delivered.');
      }
    },
  );
  return { stop: () => options.boss.offWork(queues.notification, { wait: true }).catch(() => {}) };
}
