import type {
  Flow,
  JobInputs,
  JobKind,
  JobNotification,
  JobRetries,
  JobSchedule,
  SessionTemplate,
} from '@fleetwright/contracts';
import { jobKinds } from '@fleetwright/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const jobKind = pgEnum('job_kind', jobKinds);

/**
 * Jobs (issue 11): what to run, on which targets, when and how. Every run is an execution
 * (executions.ts), which copies what it needs of the job when it is created.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    kind: jobKind('kind').notNull(),
    flow: jsonb('flow').$type<Flow>(),
    /** A script of the organization (slice A's `scripts`): no foreign key, checked through the API. */
    scriptId: uuid('script_id'),
    scriptVersion: integer('script_version'),
    targets: text('targets').array().notNull(),
    /** The sessions' settings, without `proxyUrl` (kept sealed in `proxy_url`). */
    sessionTemplate: jsonb('session_template').$type<Omit<SessionTemplate, 'proxyUrl'>>().notNull(),
    /** Encrypted (packages/secrets, context `jobs.proxy_url:<id>`): it may carry a password. */
    proxyUrl: text('proxy_url'),
    /** The proxy URL with its password replaced by `***`. */
    proxyDisplay: text('proxy_display'),
    sessionsPerTarget: integer('sessions_per_target').notNull().default(1),
    inputs: jsonb('inputs').$type<JobInputs>().notNull().default({}),
    schedule: jsonb('schedule').$type<JobSchedule>().notNull(),
    priority: integer('priority').notNull().default(0),
    retries: jsonb('retries').$type<JobRetries>().notNull(),
    timeoutSeconds: integer('timeout_seconds').notNull(),
    concurrency: integer('concurrency').notNull(),
    trace: boolean('trace').notNull().default(false),
    notifications: jsonb('notifications').$type<JobNotification[]>().notNull().default([]),
    paused: boolean('paused').notNull().default(false),
    /**
     * When the scheduler fires it next (null: not scheduled, or paused). A firing server moves it
     * on with a conditional UPDATE on its old value, so a due run fires once however many servers.
     */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // GET /jobs: an organization's jobs, newest first.
    index('jobs_org_created_idx').on(
      table.organizationId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    // The scheduler: the earliest next_run_at of all jobs, and the ones due now.
    index('jobs_next_run_idx').on(table.nextRunAt).where(sql`${table.nextRunAt} IS NOT NULL`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
export type NewJobRow = typeof jobs.$inferInsert;
export type { JobKind };
