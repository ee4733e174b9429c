import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';

/** read: GET everything; write: manage sessions, proxies, scripts, jobs; admin: members, keys, settings. */
export const apiKeyScopes = ['read', 'write', 'admin'] as const;
export const apiKeyScopeSchema = z.enum(apiKeyScopes);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** Every key starts with this, so secret scanners and people recognise it. */
export const API_KEY_PREFIX = 'fw_live_';

export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The first characters of the key, e.g. `fw_live_Ab3d`; the rest is never shown again. */
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdById: idSchema.nullable(),
  expiresAt: isoDateSchema.nullable(),
  lastUsedAt: isoDateSchema.nullable(),
  revokedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export const createApiKeySchema = z.object({
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' }),
  scopes: z
    .array(apiKeyScopeSchema, { error: 'must be a list of read, write, admin' })
    .min(1, { error: 'needs at least one scope' })
    .default(['read']),
  /** Absolute expiry; omitted = never expires. */
  expiresAt: isoDateSchema
    .refine((value) => Date.parse(value) > Date.now(), { error: 'must be in the future' })
    .optional(),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** The answer to POST /api-keys: the only time the key itself is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });
