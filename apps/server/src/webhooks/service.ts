import { randomUUID } from 'node:crypto';
import {
  type CreateWebhook,
  type UpdateWebhook,
  WEBHOOK_PING_EVENT,
  type WebhookDeliveryQuery,
} from '@fleetwright/contracts';
import {
  type Database,
  type DatabaseClient,
  deleteWebhook as deleteWebhookRow,
  getWebhook,
  getWebhookDelivery,
  insertWebhook,
  insertWebhookDeliveries,
  listWebhookAttempts,
  listWebhookDeliveries,
  listWebhooks as listWebhookRows,
  type NewWebhookRow,
  resetWebhookDelivery,
  updateWebhook as updateWebhookRow,
  type WebhookAttemptRow,
  type WebhookDeliveryKey,
  type WebhookDeliveryRow,
  type WebhookKey,
  type WebhookRow,
  withTransaction,
} from '@fleetwright/db';
import {
  enqueueWebhookDeliveries,
  type PgBoss,
  type WebhookOutbox,
  type WebhookRetry,
} from '@fleetwright/queue';
import { columnContext, type Keyring, openColumn, sealColumn } from '@fleetwright/secrets';
import type { AuditActor, AuditEntry, AuditLog } from '../audit-logs/service.ts';
import { AppError } from '../errors.ts';
import type { TargetGuard } from '../plugins/targets.ts';
import { generateWebhookSecret } from './signing.ts';

/** What the webhook services need; built once per app from its decorators. */
export interface WebhookDeps {
  db: Database;
  pool: DatabaseClient['pool'];
  boss: PgBoss;
  keyring: Keyring;
  audit: AuditLog;
  targets: TargetGuard;
  /** Told when an organization's webhooks change, so its cached subscriptions go. */
  outbox: Pick<WebhookOutbox, 'forget'> | null;
  retry: WebhookRetry;
}

export function sealWebhookSecret(keyring: Keyring, id: string, secret: string): string {
  return sealColumn(keyring, secret, columnContext('webhooks', 'secret', id)) as string;
}

export function openWebhookSecret(keyring: Keyring, id: string, sealed: string): string {
  return openColumn(keyring, sealed, columnContext('webhooks', 'secret', id)) as string;
}

function webhookNotFound(id: string): AppError {
  return new AppError('WEBHOOK_NOT_FOUND', `No webhook ${id}.`);
}

/** The webhook as the audit log shows it: never its secret. */
function described(row: WebhookRow) {
  return { url: row.url, events: row.events, description: row.description, enabled: row.enabled };
}

function auditEntry(
  action: AuditEntry['action'],
  row: WebhookRow,
  details: Record<string, unknown>,
): AuditEntry {
  return { action, organizationId: row.organizationId, targetType: 'webhook', targetId: row.id, details };
}

export async function findWebhook(deps: Pick<WebhookDeps, 'db'>, key: WebhookKey): Promise<WebhookRow> {
  const row = await getWebhook(deps.db, key);
  if (!row) throw webhookNotFound(key.id);
  return row;
}

export async function listWebhooks(
  deps: Pick<WebhookDeps, 'db'>,
  organizationId: string,
  page: { page: number; pageSize: number },
) {
  return listWebhookRows(deps.db, { organizationId, ...page });
}

/** Adds a webhook; its URL must pass the target guard. Answers the row and its secret (shown this once). */
export async function createWebhook(
  deps: WebhookDeps,
  organizationId: string,
  input: CreateWebhook,
  actor: AuditActor,
): Promise<{ row: WebhookRow; secret: string }> {
  await deps.targets.check(input.url, 'url', organizationId);
  // The id is made here: the sealed secret is bound to it.
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const row = await deps.audit.change(actor, async (db) => {
    const inserted = await insertWebhook(db, {
      id,
      organizationId,
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      enabled: input.enabled,
      secret: sealWebhookSecret(deps.keyring, id, secret),
    });
    return { result: inserted, entry: auditEntry('webhook.created', inserted, described(inserted)) };
  });
  deps.outbox?.forget(organizationId);
  return { row, secret };
}

/** Changes what the body gives; a new URL passes the guard; enabling clears the failures and the disabled mark. */
export async function updateWebhook(
  deps: WebhookDeps,
  key: WebhookKey,
  input: UpdateWebhook,
  actor: AuditActor,
): Promise<WebhookRow> {
  if (input.url !== undefined) await deps.targets.check(input.url, 'url', key.organizationId);
  const values: Partial<NewWebhookRow> = { ...input };
  if (input.events) values.events = [...new Set(input.events)];
  if (input.enabled === true)
    Object.assign(values, { consecutiveFailures: 0, disabledAt: null, disabledReason: null });
  const row = await deps.audit.change(actor, async (db) => {
    const before = await getWebhook(db, key);
    if (!before) throw webhookNotFound(key.id);
    const updated = await updateWebhookRow(db, key, values);
    if (!updated) throw webhookNotFound(key.id);
    return {
      result: updated,
      entry: auditEntry('webhook.updated', updated, { before: described(before), after: described(updated) }),
    };
  });
  deps.outbox?.forget(key.organizationId);
  return row;
}

export async function deleteWebhook(deps: WebhookDeps, key: WebhookKey, actor: AuditActor): Promise<void> {
  await deps.audit.change(actor, async (db) => {
    const row = await deleteWebhookRow(db, key);
    if (!row) throw webhookNotFound(key.id);
    return { result: row, entry: auditEntry('webhook.deleted', row, described(row)) };
  });
  deps.outbox?.forget(key.organizationId);
}

/** A new secret replaces the old one at once; answered this once. */
export async function rotateWebhookSecret(
  deps: WebhookDeps,
  key: WebhookKey,
  actor: AuditActor,
): Promise<{ row: WebhookRow; secret: string }> {
  const secret = generateWebhookSecret();
  const row = await deps.audit.change(actor, async (db) => {
    const updated = await updateWebhookRow(db, key, {
      secret: sealWebhookSecret(deps.keyring, key.id, secret),
    });
    if (!updated) throw webhookNotFound(key.id);
    return { result: updated, entry: auditEntry('webhook.secret_rotated', updated, {}) };
  });
  return { row, secret };
}

/** A `webhook.ping` delivery to this webhook, through the queue like any other (enabled or not: it is asked for). */
export async function sendWebhookPing(deps: WebhookDeps, key: WebhookKey): Promise<WebhookDeliveryRow> {
  const webhook = await findWebhook(deps, key);
  const delivery = {
    id: randomUUID(),
    organizationId: key.organizationId,
    webhookId: webhook.id,
    event: WEBHOOK_PING_EVENT,
    data: { webhookId: webhook.id, url: webhook.url },
    createdAt: new Date(),
  };
  await withTransaction(deps.pool, async (tx) => {
    await insertWebhookDeliveries(tx.db, [delivery]);
    await enqueueWebhookDeliveries(
      deps.boss,
      [{ deliveryId: delivery.id, organizationId: key.organizationId }],
      {
        db: tx.client,
        retry: deps.retry,
      },
    );
  });
  return findDelivery(deps, { organizationId: key.organizationId, webhookId: webhook.id, id: delivery.id });
}

export async function listDeliveries(
  deps: Pick<WebhookDeps, 'db'>,
  key: WebhookKey,
  query: WebhookDeliveryQuery,
) {
  await findWebhook(deps, key);
  return listWebhookDeliveries(deps.db, { organizationId: key.organizationId, webhookId: key.id, ...query });
}

export async function findDelivery(
  deps: Pick<WebhookDeps, 'db'>,
  key: WebhookDeliveryKey,
): Promise<WebhookDeliveryRow> {
  const row = await getWebhookDelivery(deps.db, key);
  if (!row)
    throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', `No delivery ${key.id} of webhook ${key.webhookId}.`);
  return row;
}

export async function findDeliveryWithAttempts(
  deps: Pick<WebhookDeps, 'db'>,
  key: WebhookDeliveryKey,
): Promise<{ row: WebhookDeliveryRow; attempts: WebhookAttemptRow[] }> {
  await findWebhook(deps, { organizationId: key.organizationId, id: key.webhookId });
  const row = await findDelivery(deps, key);
  return { row, attempts: await listWebhookAttempts(deps.db, row.id) };
}

/**
 * Sends a delivery again, by hand: the same id and body (receivers that saw it may skip it), a
 * fresh round of retries. A delivery still PENDING is already on its way: 409.
 */
export async function redeliver(deps: WebhookDeps, key: WebhookDeliveryKey): Promise<WebhookDeliveryRow> {
  const webhook = await findWebhook(deps, { organizationId: key.organizationId, id: key.webhookId });
  if (!webhook.enabled)
    throw new AppError(
      'WEBHOOK_DISABLED',
      `Webhook ${webhook.id} is disabled: enable it first (PATCH enabled: true).`,
    );
  const current = await findDelivery(deps, key);
  if (current.status === 'PENDING')
    throw new AppError('WEBHOOK_DELIVERY_PENDING', `Delivery ${key.id} is still being delivered.`);
  return withTransaction(deps.pool, async (tx) => {
    const row = await resetWebhookDelivery(tx.db, key);
    if (!row)
      throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND', `No delivery ${key.id} of webhook ${key.webhookId}.`);
    await enqueueWebhookDeliveries(deps.boss, [{ deliveryId: row.id, organizationId: key.organizationId }], {
      db: tx.client,
      retry: deps.retry,
    });
    return row;
  });
}
