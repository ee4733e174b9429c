import { z } from 'zod';
import { idSchema, pageSchema } from './common.ts';

/**
 * Organization secrets (issue 11): values a step flow uses as `{{secrets.NAME}}` (passwords, API
 * tokens) without writing them into the flow. Values are write-only: stored sealed, given to the
 * worker that runs a flow, never answered by the API, logged or audited, and masked (`***`) in
 * every step result.
 */

/** `API_TOKEN`: letters, digits and `_`, not starting with a digit (it must fit `{{secrets.NAME}}`). */
export const secretNameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
  error: 'must be letters, digits and _, not starting with a digit (64 at most)',
});
export const MAX_SECRET_VALUE_LENGTH = 10_000;
const secretValueSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_SECRET_VALUE_LENGTH, { error: `must be at most ${MAX_SECRET_VALUE_LENGTH} characters` });

export const createSecretSchema = z.object({ name: secretNameSchema, value: secretValueSchema }).strict();
export type CreateSecret = z.infer<typeof createSecretSchema>;

/** A new name, a new value (replaces the old one), or both. */
export const updateSecretSchema = z
  .object({ name: secretNameSchema.optional(), value: secretValueSchema.optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.value !== undefined, {
    error: 'give name or value',
    path: ['value'],
  });
export type UpdateSecret = z.infer<typeof updateSecretSchema>;

/** A secret as the API shows it: its name, never its value. */
export const secretSchema = z.object({
  id: idSchema,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Secret = z.infer<typeof secretSchema>;

export const secretPageSchema = pageSchema(secretSchema);
export type SecretPage = z.infer<typeof secretPageSchema>;
