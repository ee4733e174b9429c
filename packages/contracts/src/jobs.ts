import { Cron } from 'croner';
import { z } from 'zod';
import { httpUrlSchema, idSchema, isoDateSchema, pageSchema, paginationQuerySchema } from './common.ts';
import { flowSchema } from './flows.ts';
import { sessionTemplateSchema, tagSchema, timezoneSchema } from './sessions.ts';

/**
 * Jobs (issue 11): what to run (a step flow or a page script), on which targets, in sessions of
 * which settings, when (now, at a time, on a cron schedule in a time zone) and how (priority,
 * retries with backoff, timeout, concurrency). Every run of a job is an execution (executions.ts).
 * A queue job of pg-boss is never called just "job" in code: it is a queue job (queues.ts).
 */

export const MAX_JOB_TARGETS = 1000;
export const MAX_SESSIONS_PER_TARGET = 50;
/** All inputs of a job together, as JSON (files base64-encoded): 5 MB. */
export const MAX_JOB_INPUTS_BYTES = 5 * 1024 * 1024;

/**
 * A cron expression (5 fields, or 6 with seconds first), checked by croner, the library that
 * computes the next runs on the server and in the dashboard alike.
 */
export const cronExpressionSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(
    (value) => {
      try {
        new Cron(value, { paused: true });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a cron expression (minute hour day-of-month month day-of-week)' },
  );

/** Common schedules offered by the dashboard's cron builder. */
export const cronPresets = {
  hourly: '0 * * * *',
  daily: '0 9 * * *',
  weekly: '0 9 * * 1',
} as const;

/** The next `count` times (ISO, UTC) `cron` fires in `timezone`, after `from`. */
export function nextCronRuns(
  cron: string,
  timezone: string,
  count: number,
  from: Date = new Date(),
): string[] {
  const schedule = new Cron(cron, { timezone, paused: true });
  return schedule.nextRuns(count, from).map((date) => date.toISOString());
}

/**
 * When a job runs:
 * - `now`: once when it is created, then by hand (POST /jobs/:id/run);
 * - `at`: once at a time;
 * - `cron`: recurring, in a time zone (IANA);
 * - `manual`: only by hand.
 */
export const jobScheduleSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('now') }).strict(),
    z.object({ type: z.literal('manual') }).strict(),
    z.object({ type: z.literal('at'), at: isoDateSchema }).strict(),
    z.object({ type: z.literal('cron'), cron: cronExpressionSchema, timezone: timezoneSchema }).strict(),
  ],
  { error: 'type must be one of now, manual, at, cron' },
);
export type JobSchedule = z.infer<typeof jobScheduleSchema>;

/** A file given as a job input (for a flow's `upload` step). */
export const jobFileInputSchema = z
  .object({
    file: z
      .object({
        name: z.string().trim().min(1).max(255),
        contentType: z.string().trim().min(1).max(255).default('application/octet-stream'),
        /** The file's bytes, base64. */
        base64: z.base64({ error: 'must be base64' }),
      })
      .strict(),
  })
  .strict();
export const jobInputValueSchema = z.union([
  z.string().max(100_000),
  z.number(),
  z.boolean(),
  jobFileInputSchema,
]);
export const jobInputsSchema = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'must be a name of letters, digits and _' }),
    jobInputValueSchema,
  )
  .refine((inputs) => new TextEncoder().encode(JSON.stringify(inputs)).length <= MAX_JOB_INPUTS_BYTES, {
    error: `the inputs must be at most ${MAX_JOB_INPUTS_BYTES} bytes as JSON`,
  });
export type JobInputs = z.infer<typeof jobInputsSchema>;

export const jobNotificationOutcomes = ['failure', 'success', 'recovery'] as const;
export const jobNotificationOutcomeSchema = z.enum(jobNotificationOutcomes);
export type JobNotificationOutcome = z.infer<typeof jobNotificationOutcomeSchema>;

/**
 * Who hears about an execution's end: a notification channel of the organization, on failure, on
 * success, or on recovery (the first success after failures).
 */
export const jobNotificationSchema = z
  .object({
    channelId: idSchema,
    on: z.array(jobNotificationOutcomeSchema).min(1).max(3),
  })
  .strict();
export type JobNotification = z.infer<typeof jobNotificationSchema>;

export const jobRetriesSchema = z
  .object({
    /** Further attempts of a failed execution. */
    limit: z.number().int().min(0).max(10).default(0),
    /** Before the first retry; doubled for each further one when `backoff`. */
    delaySeconds: z.number().int().min(1).max(3600).default(30),
    backoff: z.boolean().default(true),
  })
  .strict();
export type JobRetries = z.output<typeof jobRetriesSchema>;

export const jobKinds = ['flow', 'script'] as const;
export const jobKindSchema = z.enum(jobKinds);
export type JobKind = z.infer<typeof jobKindSchema>;

const jobFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000),
  tags: z.array(tagSchema).max(20),
  /** `flow`: run `flow`; `script`: evaluate the page script `scriptId` on each target. */
  kind: jobKindSchema,
  flow: flowSchema,
  scriptId: idSchema,
  /** A pinned version of the script; absent or null: the latest at each run. */
  scriptVersion: z.number().int().min(1).nullable(),
  targets: z
    .array(httpUrlSchema)
    .min(1, { error: 'give at least one target URL' })
    .max(MAX_JOB_TARGETS, { error: `at most ${MAX_JOB_TARGETS} targets` }),
  sessionTemplate: sessionTemplateSchema,
  /** Sessions per target in one execution. */
  sessionsPerTarget: z.number().int().min(1).max(MAX_SESSIONS_PER_TARGET),
  inputs: jobInputsSchema,
  schedule: jobScheduleSchema,
  /** Higher first, among executions waiting in the queue. */
  priority: z.number().int().min(0).max(10),
  retries: jobRetriesSchema,
  /** One execution's time limit, all targets together. */
  timeoutSeconds: z
    .number()
    .int()
    .min(10)
    .max(6 * 3600),
  /** Sessions of one execution that run at a time. */
  concurrency: z.number().int().min(1).max(100),
  /** Record a Playwright trace of each session (an artifact: `npx playwright show-trace`). */
  trace: z.boolean(),
  notifications: z.array(jobNotificationSchema).max(20),
};

/** `kind` and what it runs agree: a flow job has a flow and no script, and the reverse. */
function refineJobKind(
  body: { kind?: JobKind; flow?: unknown; scriptId?: unknown; scriptVersion?: unknown },
  context: z.RefinementCtx,
): void {
  if (body.kind === 'flow' && body.flow === undefined) {
    context.addIssue({ code: 'custom', path: ['flow'], message: 'a flow job needs a flow' });
  }
  if (body.kind === 'script' && body.scriptId === undefined) {
    context.addIssue({ code: 'custom', path: ['scriptId'], message: 'a script job needs scriptId' });
  }
  if (body.kind === 'flow' && body.scriptId !== undefined) {
    context.addIssue({ code: 'custom', path: ['scriptId'], message: 'a flow job has no scriptId' });
  }
  if (body.kind === 'script' && body.flow !== undefined) {
    context.addIssue({ code: 'custom', path: ['flow'], message: 'a script job has no flow' });
  }
}

export const createJobBodySchema = z
  .object({
    ...jobFields,
    description: jobFields.description.default(''),
    tags: jobFields.tags.default([]),
    flow: jobFields.flow.optional(),
    scriptId: jobFields.scriptId.optional(),
    scriptVersion: jobFields.scriptVersion.optional(),
    sessionTemplate: jobFields.sessionTemplate.default({}),
    sessionsPerTarget: jobFields.sessionsPerTarget.default(1),
    inputs: jobFields.inputs.default({}),
    schedule: jobFields.schedule.default({ type: 'manual' }),
    priority: jobFields.priority.default(0),
    retries: jobFields.retries.default({ limit: 0, delaySeconds: 30, backoff: true }),
    timeoutSeconds: jobFields.timeoutSeconds.default(300),
    concurrency: jobFields.concurrency.default(5),
    trace: jobFields.trace.default(false),
    notifications: jobFields.notifications.default([]),
  })
  .strict()
  .superRefine(refineJobKind);
export type CreateJobBody = z.input<typeof createJobBodySchema>;

/** A PATCH replaces the fields it gives; changing `kind` needs the matching `flow` or `scriptId`. */
export const updateJobBodySchema = z.object(jobFields).partial().strict().superRefine(refineJobKind);
export type UpdateJobBody = z.input<typeof updateJobBodySchema>;

export const executionStatuses = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export const executionStatusSchema = z.enum(executionStatuses);
export type ExecutionStatus = z.infer<typeof executionStatusSchema>;
export const finishedExecutionStatuses: readonly ExecutionStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export const jobSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  kind: jobKindSchema,
  flow: flowSchema.nullable(),
  scriptId: idSchema.nullable(),
  scriptVersion: z.number().int().nullable(),
  targets: z.array(z.string()),
  sessionTemplate: z.record(z.string(), z.unknown()),
  sessionsPerTarget: z.number().int(),
  /** File inputs are shown as `{ file: { name, contentType, sizeBytes } }`, without their bytes. */
  inputs: z.record(z.string(), z.unknown()),
  schedule: jobScheduleSchema,
  priority: z.number().int(),
  retries: z.object({ limit: z.number().int(), delaySeconds: z.number().int(), backoff: z.boolean() }),
  timeoutSeconds: z.number().int(),
  concurrency: z.number().int(),
  trace: z.boolean(),
  notifications: z.array(jobNotificationSchema),
  paused: z.boolean(),
  /** The next scheduled run (null: none, or paused). */
  nextRunAt: isoDateSchema.nullable(),
  lastExecution: z
    .object({ id: idSchema, status: executionStatusSchema, finishedAt: isoDateSchema.nullable() })
    .nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Job = z.infer<typeof jobSchema>;

export const listJobsQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  kind: jobKindSchema.optional(),
  paused: z.stringbool().optional(),
  tag: tagSchema.optional(),
});
export const jobPageSchema = pageSchema(jobSchema);
export type JobPage = z.infer<typeof jobPageSchema>;

/** GET /jobs/schedule-preview: the next runs of a cron schedule, as the cron builder shows them. */
export const schedulePreviewQuerySchema = z.object({
  cron: cronExpressionSchema,
  timezone: timezoneSchema,
  count: z.coerce.number().int().min(1).max(50).default(5),
});
export const schedulePreviewSchema = z.object({ runs: z.array(isoDateSchema) });
