import { z } from 'zod';
import { idSchema, isoDateSchema, pageSchema, paginationQuerySchema } from './common.ts';
import { artifactSchema, flowStepErrorSchema, flowStepResultSchema } from './flows.ts';
import { executionStatusSchema } from './jobs.ts';

/**
 * Executions (issue 11): every run of a job. An execution starts `sessionsPerTarget` sessions per
 * target (real sessions: listed, logged, watchable live, with `executionId` set), runs the job's
 * flow or script in each, and keeps one result per session: its status, the data it extracted,
 * its steps and its artifacts (screenshots, traces) in the blob store.
 */

export const executionTriggers = ['manual', 'schedule', 'api'] as const;
export const executionTriggerSchema = z.enum(executionTriggers);
export type ExecutionTrigger = z.infer<typeof executionTriggerSchema>;

export const executionProgressSchema = z.object({
  /** Sessions the execution runs: targets × sessionsPerTarget. */
  total: z.number().int(),
  /** Finished, passed or not. */
  done: z.number().int(),
  failed: z.number().int(),
});
export type ExecutionProgress = z.infer<typeof executionProgressSchema>;

export const executionSchema = z.object({
  id: idSchema,
  organizationId: idSchema,
  jobId: idSchema,
  /** The job's name when the execution was created (the job may be renamed or deleted since). */
  jobName: z.string(),
  status: executionStatusSchema,
  trigger: executionTriggerSchema,
  /** 1 for the first attempt; n for the (n-1)-th retry. */
  attempt: z.number().int(),
  /** When it was due (a schedule's slot, or when it was asked for). */
  scheduledFor: isoDateSchema,
  startedAt: isoDateSchema.nullable(),
  finishedAt: isoDateSchema.nullable(),
  durationMs: z.number().int().nullable(),
  progress: executionProgressSchema,
  /** Why it failed as a whole (timeout, cancelled, no worker, …); per-session errors are in its results. */
  error: flowStepErrorSchema.nullable(),
  createdAt: isoDateSchema,
});
export type Execution = z.infer<typeof executionSchema>;

export const executionResultStatuses = ['passed', 'failed', 'cancelled'] as const;
export const executionResultStatusSchema = z.enum(executionResultStatuses);
export type ExecutionResultStatus = z.infer<typeof executionResultStatusSchema>;

/** One session's outcome within an execution. */
export const executionResultSchema = z.object({
  id: idSchema,
  executionId: idSchema,
  /** Null once the session is deleted. */
  sessionId: idSchema.nullable(),
  target: z.string(),
  status: executionResultStatusSchema,
  startedAt: isoDateSchema,
  durationMs: z.number().int(),
  /** What the flow extracted (by `as` name) or the script returned (`value`). */
  data: z.record(z.string(), z.unknown()),
  /** A flow's steps; a script job has one `evaluate` step. */
  steps: z.array(flowStepResultSchema),
  error: flowStepErrorSchema.nullable(),
  artifacts: z.array(artifactSchema),
});
export type ExecutionResult = z.infer<typeof executionResultSchema>;

export const executionDetailSchema = executionSchema.extend({ results: z.array(executionResultSchema) });
export type ExecutionDetail = z.infer<typeof executionDetailSchema>;

export const listExecutionsQuerySchema = paginationQuerySchema.extend({
  jobId: idSchema.optional(),
  status: executionStatusSchema.optional(),
  trigger: executionTriggerSchema.optional(),
  /** Created at or after / before. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const executionPageSchema = pageSchema(executionSchema);
export type ExecutionPage = z.infer<typeof executionPageSchema>;

/** GET /executions/:id/data?format=: every result's data, one row per session. */
export const executionDataQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** One row of GET /executions/:id/data (format=json): a result's session, target, status and data. */
export const executionDataRowSchema = z.object({
  resultId: idSchema,
  sessionId: idSchema.nullable(),
  target: z.string(),
  status: executionResultStatusSchema,
  data: z.record(z.string(), z.unknown()),
});
export type ExecutionDataRow = z.infer<typeof executionDataRowSchema>;
