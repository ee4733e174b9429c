import type {
  Webhook,
  WebhookAttempt,
  WebhookBody,
  WebhookDelivery,
  WebhookListItem,
} from '@fleetwright/contracts';
import type {
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookLastDeliveryRow,
  WebhookRow,
} from '@fleetwright/db';

/** The API's view of a webhook. The response schema has no secret field: the sealed secret cannot leak here. */
export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    enabled: row.enabled,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A webhook in the list, with how its last delivery went. */
export function toWebhookListItem(
  row: WebhookRow & { lastDelivery: WebhookLastDeliveryRow | null },
): WebhookListItem {
  const last = row.lastDelivery;
  return {
    ...toWebhook(row),
    lastDelivery: last ? { ...last, at: last.at.toISOString() } : null,
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

export function toWebhookAttempt(row: WebhookAttemptRow): WebhookAttempt {
  return {
    at: row.at.toISOString(),
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
  };
}

/** The JSON body of a delivery, the same on every attempt: what the signature covers. */
export function webhookBody(delivery: {
  id: string;
  event: string;
  createdAt: Date;
  organizationId: string;
  data: unknown;
}): WebhookBody {
  return {
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.createdAt.toISOString(),
    organizationId: delivery.organizationId,
    data: delivery.data,
  };
}
