import { z } from 'zod';
import { httpUrlSchema, idSchema, isoDateSchema, pageSchema } from './common.ts';

export const notificationChannelKinds = ['email', 'webhook', 'slack', 'discord', 'telegram'] as const;
export type NotificationChannelKind = (typeof notificationChannelKinds)[number];

const nameSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(100);
const emailsSchema = z
  .array(z.email({ error: 'must be an email address' }))
  .min(1, { error: 'must name at least one address' })
  .max(20);
/** A Telegram bot token as BotFather gives it: `<bot id>:<35 characters>`. */
const telegramTokenSchema = z
  .string()
  .regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, { error: 'must be a bot token such as 123456:ABC…' });
const telegramChatSchema = z
  .string()
  .trim()
  .regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{4,64})$/, { error: 'must be a chat id or @channel name' });

/**
 * Body of `POST /api/v1/notification-channels`, by kind. Secret parts (the Slack / Discord URL, the
 * Telegram bot token, a webhook's signing secret) are write-only: answered masked.
 */
export const createNotificationChannelSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('email'), name: nameSchema, to: emailsSchema }).strict(),
    z
      .object({
        kind: z.literal('webhook'),
        name: nameSchema,
        url: httpUrlSchema,
        /** Signs like organization webhooks; generated (`whsec_…`) when omitted. */
        secret: z.string().min(16).max(200).optional(),
      })
      .strict(),
    z.object({ kind: z.literal('slack'), name: nameSchema, url: httpUrlSchema }).strict(),
    z.object({ kind: z.literal('discord'), name: nameSchema, url: httpUrlSchema }).strict(),
    z
      .object({
        kind: z.literal('telegram'),
        name: nameSchema,
        botToken: telegramTokenSchema,
        chatId: telegramChatSchema,
      })
      .strict(),
  ],
  { error: `kind: must be one of ${notificationChannelKinds.join(', ')}` },
);
export type CreateNotificationChannel = z.infer<typeof createNotificationChannelSchema>;

/** Body of `PATCH /api/v1/notification-channels/:id`: the fields of the channel's kind (the kind stays). */
export const updateNotificationChannelSchema = z
  .object({
    name: nameSchema,
    enabled: z.boolean(),
    to: emailsSchema,
    url: httpUrlSchema,
    secret: z.string().min(16).max(200),
    botToken: telegramTokenSchema,
    chatId: telegramChatSchema,
  })
  .partial()
  .strict();
export type UpdateNotificationChannel = z.infer<typeof updateNotificationChannelSchema>;

export const notificationChannelSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(notificationChannelKinds),
  enabled: z.boolean(),
  /** email: recipients. */
  to: z.array(z.string()).optional(),
  /** webhook: the URL; slack / discord: the URL masked (it is the secret). */
  url: z.string().optional(),
  /** telegram: the chat. */
  chatId: z.string().optional(),
  /** The secret part, masked (`…last 4`); null for email. */
  secretHint: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

export const notificationChannelPageSchema = pageSchema(notificationChannelSchema);

/** Answer of `POST /notification-channels/:id/test`: whether the test message went through. */
export const notificationTestResultSchema = z.object({
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type NotificationTestResult = z.infer<typeof notificationTestResultSchema>;
