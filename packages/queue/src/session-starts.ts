import { queues, type SessionStartJob } from '@fleetwright/contracts';
import type { PgBoss } from 'pg-boss';
import { preparedStatements, type SqlClient } from './prepared-statements.ts';

/**
 * Enqueues a start (or restart) of a session. Pass the transaction's client as `db` so the job
 * commits or rolls back with the session row; the queue's NOTIFY is part of the insert, so it is
 * delivered at commit too and wakes idle workers at once instead of at their next poll.
 */
export async function enqueueSessionStart(
  boss: PgBoss,
  job: SessionStartJob,
  options: { db: SqlClient; startAfterSeconds?: number },
): Promise<string | null> {
  return boss.send(queues.sessionStart, job, {
    db: preparedStatements(options.db),
    startAfter: options.startAfterSeconds,
    // One pending start per session: a second click on "start" does not queue a second launch.
    singletonKey: job.sessionId,
  });
}

/** Cancels the queued (not yet claimed) start of a session, if any. */
export async function cancelSessionStart(boss: PgBoss, sessionId: string): Promise<void> {
  const jobs = await boss.findJobs(queues.sessionStart, { key: sessionId, queued: true });
  if (jobs.length > 0)
    await boss.cancel(
      queues.sessionStart,
      jobs.map((job) => job.id),
    );
}
