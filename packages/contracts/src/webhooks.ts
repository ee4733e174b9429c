import { z } from 'zod';
import { httpUrlSchema, idSchema, isoDateSchema, pageSchema, paginationQuerySchema } from './common.ts';
import { webhookEventNames } from './events.ts';

/** Headers of every delivery: the delivery's id (receivers deduplicate on it), the time signed, the signature. */
export const webhookHeaders = {
  id: 'Fleetwright-Webhook-Id',
  timestamp: 'Fleetwright-Webhook-Timestamp',
  signature: 'Fleetwright-Webhook-Signature',
} as const;

/** The event a `POST /webhooks/:id/test` delivers: not in the catalogue, every webhook gets it on asking. */
export const WEBHOOK_PING_EVENT = 'webhook.ping';

const webhookEventNameSchema = z.enum(webhookEventNames, {
  error: `must be one of ${webhookEventNames.join(', ')}`,
});

/** Body of `POST /api/v1/webhooks`. */
export const createWebhookSchema = z
  .object({
    url: httpUrlSchema,
    /** Events of the catalogue (`webhookEventNames`) this webhook receives; at least one. */
    events: z.array(webhookEventNameSchema).min(1, { error: 'must name at least one event' }).max(50),
    description: z.string().trim().max(500).nullish(),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateWebhook = z.infer<typeof createWebhookSchema>;

/** Body of `PATCH /api/v1/webhooks/:id`; enabling a disabled webhook clears its failures. */
export const updateWebhookSchema = z
  .object({
    url: httpUrlSchema,
    events: z.array(webhookEventNameSchema).min(1, { error: 'must name at least one event' }).max(50),
    description: z.string().trim().max(500).nullable(),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateWebhook = z.infer<typeof updateWebhookSchema>;

export const webhookSchema = z.object({
  id: idSchema,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  /** Deliveries in a row that failed every attempt; at WEBHOOK_DISABLE_AFTER the webhook is disabled. */
  consecutiveFailures: z.number().int(),
  disabledAt: isoDateSchema.nullable(),
  disabledReason: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;

/** A webhook as created or after a rotation: the signing secret (`whsec_…`), shown this once. */
export const webhookWithSecretSchema = webhookSchema.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof webhookWithSecretSchema>;

export const webhookDeliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export const webhookDeliveryStatusSchema = z.enum(webhookDeliveryStatuses);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatusSchema>;

/** How a webhook's newest tried delivery went at its latest attempt (issue 11). */
export const webhookLastDeliverySchema = z.object({
  deliveryId: idSchema,
  event: z.string(),
  /** The delivery's status after that attempt: PENDING while a retry is to come. */
  status: webhookDeliveryStatusSchema,
  /** The receiver's status code; null when no response came (refused, timeout, SSRF guard). */
  statusCode: z.number().int().nullable(),
  /** When the attempt was made. */
  at: isoDateSchema,
});
export type WebhookLastDelivery = z.infer<typeof webhookLastDeliverySchema>;

/** A webhook as the list shows it: with its last delivery, null before the first attempt. */
export const webhookListItemSchema = webhookSchema.extend({
  lastDelivery: webhookLastDeliverySchema.nullable(),
});
export type WebhookListItem = z.infer<typeof webhookListItemSchema>;
export const webhookPageSchema = pageSchema(webhookListItemSchema);

/** One HTTP attempt of a delivery. */
export const webhookAttemptSchema = z.object({
  at: isoDateSchema,
  /** The receiver's status code; null when no response came (refused, timeout, SSRF guard). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The first 2 KiB of the response body. */
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliverySchema = z.object({
  /** Sent as Fleetwright-Webhook-Id and as the body's `id`: the same on every attempt and redelivery. */
  id: idSchema,
  webhookId: idSchema,
  event: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: isoDateSchema,
  deliveredAt: isoDateSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  /** The body as sent: `{ id, event, createdAt, organizationId, data }`. */
  payload: z.unknown(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;

export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);

export const webhookDeliveryQuerySchema = paginationQuerySchema.extend({
  status: webhookDeliveryStatusSchema.optional(),
  event: z.string().max(100).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof webhookDeliveryQuerySchema>;

export const webhookDeliveryParamsSchema = z.object({ id: idSchema, deliveryId: idSchema });

/** What a receiver gets as the JSON body of every delivery. */
export interface WebhookBody {
  id: string;
  event: string;
  createdAt: string;
  organizationId: string;
  data: unknown;
}
