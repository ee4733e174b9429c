import { randomUUID } from 'node:crypto';
import type {
  CreateNotificationChannel,
  NotificationTestResult,
  UpdateNotificationChannel,
} from '@fleetwright/contracts';
import {
  type Database,
  deleteNotificationChannel as deleteChannelRow,
  getNotificationChannel,
  getOrganizationPrivateTargets,
  insertNotificationChannel,
  listNotificationChannels as listChannelRows,
  type NewNotificationChannelRow,
  type NotificationChannelKey,
  type NotificationChannelRow,
  type NotificationChannelSettings,
  updateNotificationChannel as updateChannelRow,
} from '@fleetwright/db';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { generateWebhookSecret } from '../webhooks/signing.ts';
import { notificationMessage } from './messages.ts';
import { sealChannelSecret } from './secrets.ts';
import { type ChannelSenderDeps, sendToChannel } from './senders.ts';

export interface NotificationChannelDeps extends ChannelSenderDeps {
  db: Database;
  audit: AuditLog;
  targets: TargetGuard;
  /** PUBLIC_URL: execution links start with it. */
  baseUrl: string;
}

/** Which fields a PATCH may carry for each kind. */
const fieldsOfKind: Record<NotificationChannelRow['kind'], readonly string[]> = {
  email: ['to'],
  webhook: ['url', 'secret'],
  slack: ['url'],
  discord: ['url'],
  telegram: ['botToken', 'chatId'],
};

function channelNotFound(id: string): AppError {
  return new AppError('NOTIFICATION_CHANNEL_NOT_FOUND', `No notification channel ${id}.`);
}

/** The channel as the audit log shows it: never a secret part. */
function described(row: NotificationChannelRow) {
  return { name: row.name, kind: row.kind, enabled: row.enabled, settings: row.settings };
}

function auditEntry(
  action: AuditEntry['action'],
  row: NotificationChannelRow,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    action,
    organizationId: row.organizationId,
    targetType: 'notification_channel',
    targetId: row.id,
    details,
  };
}

/** The open settings and the secret part of a channel body (create, or a PATCH merged over the stored channel). */
function splitSecret(input: {
  kind: NotificationChannelRow['kind'];
  to?: string[];
  url?: string;
  secret?: string;
  botToken?: string;
  chatId?: string;
}): { settings: NotificationChannelSettings; secret: string | null } {
  switch (input.kind) {
    case 'email':
      return { settings: { to: input.to }, secret: null };
    case 'webhook':
      return { settings: { url: input.url }, secret: input.secret ?? generateWebhookSecret() };
    case 'slack':
    case 'discord':
      return { settings: {}, secret: input.url ?? null };
    case 'telegram':
      return { settings: { chatId: input.chatId }, secret: input.botToken ?? null };
  }
}

export async function findNotificationChannel(
  deps: Pick<NotificationChannelDeps, 'db'>,
  key: NotificationChannelKey,
): Promise<NotificationChannelRow> {
  const row = await getNotificationChannel(deps.db, key);
  if (!row) throw channelNotFound(key.id);
  return row;
}

export async function listNotificationChannels(
  deps: Pick<NotificationChannelDeps, 'db'>,
  organizationId: string,
  page: { page: number; pageSize: number },
) {
  return listChannelRows(deps.db, { organizationId, ...page });
}

export async function createNotificationChannel(
  deps: NotificationChannelDeps,
  organizationId: string,
  input: CreateNotificationChannel,
  actor: AuditActor,
): Promise<NotificationChannelRow> {
  if ('url' in input) await deps.targets.check(input.url, 'url', organizationId);
  const id = randomUUID();
  const { settings, secret } = splitSecret(input);
  return deps.audit.change(actor, async (db) => {
    const row = await insertNotificationChannel(db, {
      id,
      organizationId,
      name: input.name,
      kind: input.kind,
      settings,
      secret: secret === null ? null : sealChannelSecret(deps.keyring, id, secret),
    });
    return { result: row, entry: auditEntry('notification_channel.created', row, described(row)) };
  });
}

/** Changes the fields of the channel's kind (another kind's field is a 400 naming it); a new secret part replaces the old. */
export async function updateNotificationChannel(
  deps: NotificationChannelDeps,
  key: NotificationChannelKey,
  input: UpdateNotificationChannel,
  actor: AuditActor,
): Promise<NotificationChannelRow> {
  const current = await findNotificationChannel(deps, key);
  const { name, enabled, ...fields } = input;
  for (const field of Object.keys(fields)) {
    if (!fieldsOfKind[current.kind].includes(field))
      throw new AppError('VALIDATION_ERROR', `${field}: a ${current.kind} channel has no ${field}`, {
        field,
      });
  }
  if (fields.url !== undefined) await deps.targets.check(fields.url, 'url', key.organizationId);
  const values: Partial<NewNotificationChannelRow> = {};
  if (name !== undefined) values.name = name;
  if (enabled !== undefined) values.enabled = enabled;
  const settings = { ...current.settings };
  if (fields.to !== undefined) settings.to = fields.to;
  if (fields.chatId !== undefined) settings.chatId = fields.chatId;
  if (fields.url !== undefined && current.kind === 'webhook') settings.url = fields.url;
  values.settings = settings;
  // The secret part: a webhook's signing secret, the Slack / Discord URL, the bot token.
  const secret =
    current.kind === 'webhook' ? fields.secret : current.kind === 'telegram' ? fields.botToken : fields.url;
  if (secret !== undefined && current.kind !== 'email')
    values.secret = sealChannelSecret(deps.keyring, current.id, secret);
  return deps.audit.change(actor, async (db) => {
    const row = await updateChannelRow(db, key, values);
    if (!row) throw channelNotFound(key.id);
    return {
      result: row,
      entry: auditEntry('notification_channel.updated', row, {
        before: described(current),
        after: described(row),
      }),
    };
  });
}

export async function deleteNotificationChannel(
  deps: NotificationChannelDeps,
  key: NotificationChannelKey,
  actor: AuditActor,
): Promise<void> {
  await deps.audit.change(actor, async (db) => {
    const row = await deleteChannelRow(db, key);
    if (!row) throw channelNotFound(key.id);
    return { result: row, entry: auditEntry('notification_channel.deleted', row, described(row)) };
  });
}

/** Sends a test message now and answers how it went (a failure is an answer, not an error). */
export async function testNotificationChannel(
  deps: NotificationChannelDeps,
  key: NotificationChannelKey,
): Promise<NotificationTestResult> {
  const channel = await findNotificationChannel(deps, key);
  const message = notificationMessage(
    {
      jobName: 'Test notification',
      executionId: '00000000-0000-0000-0000-000000000000',
      outcome: 'success',
      firstError: null,
    },
    deps.baseUrl,
  );
  return sendToChannel(
    deps,
    channel,
    message,
    await getOrganizationPrivateTargets(deps.db, key.organizationId),
  );
}
