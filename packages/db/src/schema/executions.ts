import type {
  Artifact,
  ExecutionTrigger,
  Flow,
  FlowStepError,
  FlowStepResult,
  JobInputs,
  JobKind,
  JobNotification,
  JobRetries,
  SessionTemplate,
} from '@fleetwright/contracts';
import { executionResultStatuses, executionStatuses, executionTriggers } from '@fleetwright/contracts';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { jobKind, jobs } from './jobs.ts';
import { organizations } from './organizations.ts';
import { sessions } from './sessions.ts';

export const executionStatus = pgEnum('execution_status', executionStatuses);
export const executionTrigger = pgEnum('execution_trigger', executionTriggers);
export const executionResultStatus = pgEnum('execution_result_status', executionResultStatuses);
export const artifactKind = pgEnum('artifact_kind', ['screenshot', 'trace', 'download']);

/** What an execution runs: the job as it was when the execution was created. */
export interface ExecutionSpec {
  kind: JobKind;
  flow: Flow | null;
  scriptId: string | null;
  scriptVersion: number | null;
  targets: string[];
  sessionTemplate: Omit<SessionTemplate, 'proxyUrl'>;
  /** The job's sealed proxy URL (context `jobs.proxy_url:<jobId>`). */
  proxyUrl: string | null;
  sessionsPerTarget: number;
  inputs: JobInputs;
  retries: JobRetries;
  timeoutSeconds: number;
  concurrency: number;
  trace: boolean;
  notifications: JobNotification[];
  priority: number;
}

/** Every run of a job (issue 11). */
export const executions = pgTable(
  'executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The job; its executions go with it. */
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    jobName: text('job_name').notNull(),
    kind: jobKind('kind').notNull(),
    spec: jsonb('spec').$type<ExecutionSpec>().notNull(),
    status: executionStatus('status').notNull().default('QUEUED'),
    trigger: executionTrigger('trigger').notNull(),
    attempt: integer('attempt').notNull().default(1),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }).notNull(),
    /** The worker running it (RUNNING): where a cancel goes. */
    workerId: uuid('worker_id'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: jsonb('error').$type<FlowStepError>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /executions: an organization's executions, newest first (with or without jobId).
    index('executions_org_created_idx').on(
      table.organizationId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // A job's executions (its last one, the previous finished one for "recovery") and ON DELETE CASCADE.
    index('executions_job_created_idx').on(table.jobId, table.createdAt.desc().nullsFirst()),
    // The retention sweep: executions created before the cut-off.
    index('executions_created_idx').on(table.createdAt),
  ],
);

export type ExecutionRow = typeof executions.$inferSelect;
export type NewExecutionRow = typeof executions.$inferInsert;

/** One session's outcome within an execution. */
export const executionResults = pgTable(
  'execution_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => executions.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    target: text('target').notNull(),
    status: executionResultStatus('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    steps: jsonb('steps').$type<FlowStepResult[]>().notNull().default([]),
    error: jsonb('error').$type<FlowStepError>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // An execution's results, in the order they finished; ON DELETE CASCADE.
    index('execution_results_execution_idx').on(table.executionId, table.createdAt),
    // ON DELETE SET NULL of a session.
    index('execution_results_session_idx').on(table.sessionId),
  ],
);

export type ExecutionResultRow = typeof executionResults.$inferSelect;
export type NewExecutionResultRow = typeof executionResults.$inferInsert;

/** A file an execution produced; the bytes are in the blob store under `blob_key`. */
export const artifacts = pgTable(
  'artifacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => executions.id, { onDelete: 'cascade' }),
    /** Null until its session's result is written (a screenshot is saved mid-run). */
    resultId: uuid('result_id').references(() => executionResults.id, { onDelete: 'cascade' }),
    kind: artifactKind('kind').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    stepIndex: integer('step_index'),
    /** Made of our ids only (packages/blobs blobKey): `executions/<executionId>/<id>`. */
    blobKey: text('blob_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // An execution's artifacts (GET /executions/:id) and ON DELETE CASCADE.
    index('artifacts_execution_idx').on(table.executionId),
    index('artifacts_result_idx').on(table.resultId),
  ],
);

export type ArtifactRow = typeof artifacts.$inferSelect;
export type NewArtifactRow = typeof artifacts.$inferInsert;
export type { Artifact, ExecutionTrigger };
