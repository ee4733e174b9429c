import { z } from 'zod';
import { httpUrlSchema, idSchema, isoDateSchema, pageSchema, paginationQuerySchema } from './common.ts';
import { MAX_SCRIPT_LENGTH, tagSchema } from './sessions.ts';

/**
 * Page scripts (issue 11): a saved script is the BODY of an async function of `input`, run in the
 * page (apps/worker/src/scripts/evaluate-script.ts). Every save is an immutable version.
 */

/**
 * Libraries a script may ask to have injected before it runs, served from their npm packages by
 * the worker (never a CDN): `axe-core` defines `window.axe`, `web-vitals` defines `window.webVitals`.
 */
export const scriptLibraries = ['axe-core', 'web-vitals'] as const;
export const scriptLibrarySchema = z.enum(scriptLibraries);
export type ScriptLibrary = z.infer<typeof scriptLibrarySchema>;

export const scriptSourceSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MAX_SCRIPT_LENGTH, { error: `must be at most ${MAX_SCRIPT_LENGTH} characters` });

const nameSchema = z.string().trim().min(1).max(200);
const descriptionSchema = z.string().max(2000);
const tagsSchema = z.array(tagSchema).max(20);
const librariesSchema = z.array(scriptLibrarySchema).max(scriptLibraries.length);
/** What a version says about itself, like a commit message. */
const messageSchema = z.string().max(500);

export const createScriptSchema = z
  .object({
    name: nameSchema,
    description: descriptionSchema.default(''),
    tags: tagsSchema.default([]),
    source: scriptSourceSchema,
    libraries: librariesSchema.default([]),
    /** The first version's message. */
    message: messageSchema.optional(),
  })
  .strict();
export type CreateScript = z.infer<typeof createScriptSchema>;

/** `source` or `libraries` save a new version (the other taken from the latest); the rest edit the script. */
export const updateScriptSchema = z
  .object({
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    tags: tagsSchema.optional(),
    source: scriptSourceSchema.optional(),
    libraries: librariesSchema.optional(),
    message: messageSchema.optional(),
  })
  .strict();
export type UpdateScript = z.infer<typeof updateScriptSchema>;

export const scriptVisibilitySchema = z.enum(['private', 'public']);

/** A script as lists show it: no source (a page of 50 scripts could otherwise weigh 5 MB). */
export const scriptSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  /** The newest version's number; versions count from 1. */
  latestVersion: z.number().int(),
  libraries: z.array(scriptLibrarySchema),
  visibility: scriptVisibilitySchema,
  /** The marketplace script this one was forked from, if any. */
  forkedFrom: idSchema.nullable(),
  /** When it was last published to the marketplace; null while private. */
  publishedAt: isoDateSchema.nullable(),
  downloads: z.number().int(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type ScriptSummary = z.infer<typeof scriptSummarySchema>;

/** One script with its latest version's source. */
export const scriptSchema = scriptSummarySchema.extend({ source: z.string() });
export type Script = z.infer<typeof scriptSchema>;

export const listScriptsQuerySchema = paginationQuerySchema.extend({
  /** Case-insensitive substring of the name or the description. */
  q: z.string().max(100).optional(),
  tag: tagSchema.optional(),
});
export type ListScriptsQuery = z.infer<typeof listScriptsQuerySchema>;
export const scriptPageSchema = pageSchema(scriptSummarySchema);

export const scriptVersionSummarySchema = z.object({
  scriptId: idSchema,
  version: z.number().int(),
  message: z.string(),
  libraries: z.array(scriptLibrarySchema),
  /** Who saved it; null for an API key without a user, or a deleted user. */
  authorUserId: idSchema.nullable(),
  createdAt: isoDateSchema,
});
export const scriptVersionSchema = scriptVersionSummarySchema.extend({ source: z.string() });
export type ScriptVersion = z.infer<typeof scriptVersionSchema>;
export const scriptVersionPageSchema = pageSchema(scriptVersionSummarySchema);

export const versionNumberSchema = z.coerce.number().int().min(1).max(2_147_483_647);
export const scriptVersionParamsSchema = z.object({ id: idSchema, version: versionNumberSchema });

export const scriptDiffQuerySchema = z.object({ from: versionNumberSchema, to: versionNumberSchema });

/** jsdiff's structured hunk: `lines` start with ' ', '-' or '+'. */
export const scriptDiffHunkSchema = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  lines: z.array(z.string()),
});
export const scriptDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** A unified diff of the two sources, as `git apply` and `patch` read. */
  patch: z.string(),
  hunks: z.array(scriptDiffHunkSchema),
});
export type ScriptDiff = z.infer<typeof scriptDiffSchema>;

// ---- test runs ------------------------------------------------------------------------------------

/** What a test run may hand the script as `input` (any JSON object). */
const testInputSchema = z.record(z.string(), z.unknown()).default({});

export const testScriptBodySchema = z
  .object({
    url: httpUrlSchema,
    /** @default the latest */
    version: z.number().int().min(1).optional(),
    input: testInputSchema,
  })
  .strict();
export type TestScriptBody = z.infer<typeof testScriptBodySchema>;

/** The editor's run button: a source not saved yet. */
export const testInlineScriptBodySchema = z
  .object({
    url: httpUrlSchema,
    source: scriptSourceSchema,
    libraries: librariesSchema.default([]),
    input: testInputSchema,
  })
  .strict();
export type TestInlineScriptBody = z.infer<typeof testInlineScriptBodySchema>;

/** A test run's console line levels; the worker maps Playwright's message types onto these. */
export const consoleLevelSchema = z.enum(['log', 'info', 'warn', 'error', 'debug']);
export type ConsoleLevel = z.infer<typeof consoleLevelSchema>;
export const scriptTestResultSchema = z.object({
  /** What the script returned (null when it threw, timed out or returned nothing). */
  value: z.unknown(),
  console: z.array(z.object({ level: consoleLevelSchema, text: z.string() })),
  /** What threw: the script, or the page's own uncaught errors during the run. */
  errors: z.array(z.string()),
  /** Base64 of the page after the run; null when the page could not be captured. */
  screenshot: z.string().nullable(),
  screenshotType: z.enum(['image/jpeg', 'image/png']),
  durationMs: z.number().int(),
  /** The run hit SCRIPT_TEST_TIMEOUT_MS and was stopped. */
  timedOut: z.boolean(),
  /** Which caps were hit: the value was dropped, console lines were cut or dropped. */
  truncated: z.object({ value: z.boolean(), console: z.boolean() }),
});
export type ScriptTestResult = z.infer<typeof scriptTestResultSchema>;

// ---- marketplace ----------------------------------------------------------------------------------

export const marketplaceSortSchema = z.enum(['downloads', 'rating', 'newest']);
export const listMarketplaceScriptsQuerySchema = listScriptsQuerySchema.extend({
  /** @default downloads */
  sort: marketplaceSortSchema.default('downloads'),
});
export type ListMarketplaceScriptsQuery = z.infer<typeof listMarketplaceScriptsQuerySchema>;

export const rateScriptBodySchema = z.object({ rating: z.number().int().min(1).max(5) }).strict();

/** A marketplace script as its page shows it: with the caller's own rating. */
export const marketplaceScriptSchema = scriptSchema.extend({
  /** The calling user's rating, 1–5; null before they rate it, or for an API key without a user. */
  myRating: z.number().int().min(1).max(5).nullable(),
});
export type MarketplaceScript = z.infer<typeof marketplaceScriptSchema>;
