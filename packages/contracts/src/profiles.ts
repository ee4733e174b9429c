import { z } from 'zod';
import { idSchema, isoDateSchema, pageSchema } from './common.ts';

/**
 * Profiles (issue 12): a running session's storage — cookies, localStorage and IndexedDB, as
 * Playwright's `context.storageState({ indexedDB: true })` gives them — saved under a name of the
 * organization, so a new session starts signed in (`profileId` in the session create body). The
 * state is sealed at rest; the API shows what it holds (counts, origins), never a cookie's value.
 */

/** The sealed state's cap, as JSON (the dashboard says it too): a bigger one is refused with 413. */
export const MAX_PROFILE_STATE_BYTES = 5 * 1024 * 1024;

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

export const createProfileSchema = z.object({ sessionId: idSchema, name: profileNameSchema }).strict();
export type CreateProfile = z.infer<typeof createProfileSchema>;

export const updateProfileSchema = z.object({ name: profileNameSchema }).strict();
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

/**
 * Playwright's storage state as the worker reads it and a new context takes it. Only its outline
 * is checked: the rest is Playwright's to read, and it comes from our own worker.
 */
export const storageStateSchema = z.looseObject({
  cookies: z.array(z.looseObject({ name: z.string(), domain: z.string() })),
  origins: z.array(z.looseObject({ origin: z.string() })),
});
export type StorageState = z.infer<typeof storageStateSchema>;

/** A profile as the API shows it: what it holds, never the values. */
export const profileSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The stored state's size in bytes (its JSON, before sealing). */
  sizeBytes: z.number().int(),
  cookieCount: z.number().int(),
  /** The origins it has localStorage or IndexedDB for, and the cookies' domains. */
  origins: z.array(z.string()),
  /** The session it was saved from (null once that session is deleted). */
  sessionId: idSchema.nullable(),
  /** Who saved it: a user's email, or an API key's prefix. */
  createdBy: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Profile = z.infer<typeof profileSchema>;

export const profilePageSchema = pageSchema(profileSchema);
export type ProfilePage = z.infer<typeof profilePageSchema>;
