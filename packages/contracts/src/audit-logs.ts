import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';

/** Every action the audit log records; the dashboard filters on these. */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.sessions_revoked',
  'auth.password_reset',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'api_key.created',
  'api_key.revoked',
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'session.deleted',
  'proxy.created',
  'proxy.updated',
  'proxy.deleted',
  'proxy.imported',
  'proxy.blacklisted',
  'proxy.unblacklisted',
  'proxy_provider.created',
  'proxy_provider.updated',
  'proxy_provider.deleted',
  'profile.created',
  'profile.renamed',
  'profile.deleted',
  'secret.created',
  'secret.updated',
  'secret.deleted',
  'script.deleted',
  'script.published',
  'script.unpublished',
  'organization.settings_updated',
  'organization.plan_changed',
  'organization.private_targets_changed',
  'job.created',
  'job.updated',
  'job.deleted',
  'job.paused',
  'job.resumed',
  'execution.cancelled',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'notification_channel.created',
  'notification_channel.updated',
  'notification_channel.deleted',
] as const;
export const auditActionSchema = z.enum(auditActions);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditLogSchema = z.object({
  id: idSchema,
  organizationId: idSchema.nullable(),
  action: auditActionSchema,
  /** Who: a user's email, or an API key's prefix; null when unknown (a failed sign-in for nobody). */
  actor: z.string().nullable(),
  actorUserId: idSchema.nullable(),
  actorApiKeyId: idSchema.nullable(),
  /** What it concerned, e.g. `session` + its id. */
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** From where. */
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: isoDateSchema,
});
export type AuditLog = z.infer<typeof auditLogSchema>;

export const auditLogQuerySchema = z.object({
  action: auditActionSchema.optional(),
  /** Email (or part of it) of the actor. */
  actor: z.string().max(200).optional(),
  since: isoDateSchema.optional(),
  until: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  /** `json` (default) or `csv` (a download of every matching row, up to 100 000). */
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditLogSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
