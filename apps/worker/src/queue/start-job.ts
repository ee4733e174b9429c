import { queues, sessionStartJobSchema } from '@fleetwright/contracts';
import type { Logger } from '@fleetwright/logger';
import { type Job, type PgBoss, preparedStatements } from '@fleetwright/queue';
import type pg from 'pg';
import type { SessionManager, StartAnswer } from '../sessions/session-manager.ts';

/** A fetched job with pg-boss metadata (fetch with includeMetadata). */
export type StartJob = Job<unknown> & { retryCount?: number; retryLimit?: number };

export interface StartJobContext {
  manager: SessionManager;
  boss: PgBoss;
  /** Runs the job's completion (as prepared statements). */
  pool: pg.Pool;
  logger: Logger;
}

/**
 * The pg-boss side of a `session-start` job: reads its payload, lets the manager run the start, and
 * completes or fails the job as the manager answers. Called in the tick the job was fetched, so the
 * manager reserves its capacity before the next fetch is sized.
 */
export async function runStartJob(context: StartJobContext, job: StartJob): Promise<void> {
  const { manager, logger } = context;
  const parsed = sessionStartJobSchema.safeParse(job.data);
  if (!parsed.success) {
    logger.error({ jobId: job.id, issues: parsed.error.issues }, 'invalid session-start job payload');
    await completeJob(context, job, { error: 'invalid payload' });
    return;
  }
  let answer: StartAnswer;
  try {
    answer = await manager.start(parsed.data, {
      jobId: job.id,
      retriesLeft: (job.retryCount ?? 0) < (job.retryLimit ?? 0),
    });
  } catch (error) {
    // Left as it is: the job expires and comes back, and its claim then finds where the session is.
    logger.error({ err: error, jobId: job.id }, 'start job failed unexpectedly');
    return;
  }
  if (answer.outcome === 'retry') await failJob(context, job, answer.error);
  else await completeJob(context, job, answer.outcome === 'skip' ? { skipped: true } : answer.output);
}

async function completeJob(context: StartJobContext, job: StartJob, output?: object): Promise<void> {
  try {
    await context.boss.complete(queues.sessionStart, job.id, output ?? null, {
      db: preparedStatements(context.pool),
    });
  } catch (error) {
    // The job expires and comes back; its claim then finds the session already moved on.
    context.logger.warn({ err: error, jobId: job.id }, 'could not complete a start job');
  }
}

/** pg-boss hands the job out again after its retry delay, possibly to another worker. */
async function failJob(context: StartJobContext, job: StartJob, error: string): Promise<void> {
  try {
    await context.boss.fail(job.name, job.id, { error });
  } catch (failError) {
    context.logger.warn({ err: failError, jobId: job.id }, 'could not fail the start job');
  }
}
