import {
  queues,
  type SessionStartJob,
  type SessionStatus,
  sessionStartJobSchema,
} from '@fleetwright/contracts';
import { type Job, preparedStatements } from '@fleetwright/queue';
import { isWorkerError, shortMessage, WorkerError } from '../errors.ts';
import type { Session } from '../sessions/session.ts';
import type { SessionManager } from '../sessions/session-manager.ts';

/** A fetched job with pg-boss metadata (fetch with includeMetadata). */
export type StartJob = Job<unknown> & { retryCount?: number; retryLimit?: number };

const startReasons: Record<SessionStartJob['reason'], string> = {
  start: 'start',
  restart: 'restart',
  crash: 'restart after a crash',
  failover: 'failover from a lost worker',
};

async function completeJob(manager: SessionManager, job: StartJob, output?: object): Promise<void> {
  try {
    await manager.options.boss.complete(queues.sessionStart, job.id, output ?? null, {
      db: preparedStatements(manager.options.pool),
    });
  } catch (error) {
    // The job expires and comes back; its claim then finds the session already moved on.
    manager.options.logger.warn({ err: error, jobId: job.id }, 'could not complete a start job');
  }
}

/**
 * Runs one `session-start` job to its end:
 *   PENDING (or ERROR, for crash/failover restarts) → STARTING, with this worker as owner;
 *   launch, open the page, load the start URL;
 *   STARTING → RUNNING with browserPid, startedAt, currentUrl; complete the job.
 * A start that fails because of the session (unknown device, unreachable page, timeout) ends in
 * ERROR with the reason, job completed. A failure of this worker (Chromium did not launch) puts
 * the session back to PENDING and fails the job, so pg-boss retries it, until its retry limit.
 */
export async function runStartJob(manager: SessionManager, job: StartJob): Promise<void> {
  const { logger, workerId } = manager.options;
  manager.reserved += 1;
  let reserved = true;
  const unreserve = () => {
    if (!reserved) return;
    reserved = false;
    manager.reserved -= 1;
  };
  try {
    const parsed = sessionStartJobSchema.safeParse(job.data);
    if (!parsed.success) {
      logger.error({ jobId: job.id, issues: parsed.error.issues }, 'invalid session-start job payload');
      await completeJob(manager, job, { error: 'invalid payload' });
      return;
    }
    const data = parsed.data;
    if (manager.closing) {
      // Not claimed yet: hand it back (pg-boss retries it in seconds, on another worker).
      await manager.options.boss.fail(job.name, job.id, { error: 'worker shutting down' }).catch(() => {});
      return;
    }
    const from: SessionStatus[] =
      data.reason === 'crash' || data.reason === 'failover' ? ['PENDING', 'ERROR'] : ['PENDING'];
    const reason = startReasons[data.reason];
    const claimed = await manager.transition(
      { organizationId: data.organizationId, id: data.sessionId },
      { from, to: 'STARTING', set: { workerId, browserPid: null }, reason, unowned: true },
    );
    if (!claimed) {
      logger.debug({ jobId: job.id, sessionId: data.sessionId }, 'session not claimable; job dropped');
      await completeJob(manager, job, { skipped: true });
      return;
    }
    const session = manager.createSession(claimed.row, job.id);
    // The start's own log lines (this one, the navigation, the start page's console) are written once
    // it is RUNNING (or has failed), not while they would compete with Chromium for the CPU.
    manager.options.logs.hold(session.id);
    unreserve();
    manager.lifecycle(
      session,
      'info',
      `starting (${reason}${data.attempt > 0 ? `, attempt ${data.attempt}` : ''})`,
      {
        attempt: data.attempt,
        reason: data.reason,
        workerId,
      },
    );
    if (manager.closing) {
      await manager.stopSession(session.id, 'worker shutdown');
      await completeJob(manager, job);
      return;
    }
    await startSession(manager, session, job);
  } catch (error) {
    logger.error({ err: error, jobId: job.id }, 'start job failed unexpectedly');
  } finally {
    unreserve();
    // The last start in progress has settled: now the warm contexts taken can be replaced without
    // slowing a start down, nor creating a page alongside one (see WarmContexts.take).
    if (!manager.closing && manager.startsInProgress() === 0) manager.options.warm?.replenish();
  }
}

async function startSession(manager: SessionManager, session: Session, job: StartJob): Promise<void> {
  try {
    await session.open();
  } catch (error) {
    await handleStartFailure(manager, session, job, error);
    return;
  }
  const now = new Date();
  const running = await manager.transition(session, {
    from: ['STARTING'],
    to: 'RUNNING',
    set: {
      browserPid: session.browserPid,
      startedAt: now,
      currentUrl: session.page?.url() ?? session.row.startUrl,
      lastActivityAt: now,
    },
    reason: null,
  });
  if (!running) {
    // Stopped while starting (the stop owns the row) or taken over: just let go.
    await session.close('no longer starting');
    manager.release(session);
    await completeJob(manager, job);
    return;
  }
  session.row = running.row;
  session.markRunning();
  manager.lifecycle(session, 'info', `started at ${running.row.currentUrl}`, {
    browserPid: session.browserPid,
    warmContext: session.warmContext,
  });
  manager.options.logs.release(session.id);
  session.logger.info({ browserPid: session.browserPid }, 'session running');
  await completeJob(manager, job);
  if (session.crashReason) await manager.handleCrash(session, session.crashReason);
}

async function handleStartFailure(
  manager: SessionManager,
  session: Session,
  job: StartJob,
  error: unknown,
): Promise<void> {
  await session.close('start failed');
  manager.release(session);
  if (isWorkerError(error) && error.code === 'START_ABORTED') {
    await completeJob(manager, job);
    return;
  }
  const message = shortMessage(error);
  const retryCount = job.retryCount ?? 0;
  const retryLimit = job.retryLimit ?? 0;
  const retry = isWorkerError(error) && error.retryable && retryCount < retryLimit && !manager.closing;
  if (retry) {
    session.logger.warn(
      { err: error, retryCount },
      'start failed on this worker; the job goes back to the queue',
    );
    const back = await manager.transition(session, {
      from: ['STARTING'],
      to: 'PENDING',
      set: { workerId: null, browserPid: null },
      reason: message,
    });
    if (back) manager.lifecycle(session, 'warn', `start failed on this worker, retrying: ${message}`);
    try {
      await manager.options.boss.fail(job.name, job.id, { error: message });
    } catch (failError) {
      session.logger.warn({ err: failError }, 'could not fail the start job');
    }
    return;
  }
  if (!(error instanceof WorkerError)) session.logger.error({ err: error }, 'start failed unexpectedly');
  else session.logger.info({ reason: message }, 'start failed');
  const moved = await manager.transition(session, {
    from: ['STARTING'],
    to: 'ERROR',
    set: { lastError: message, workerId: null, browserPid: null },
    reason: message,
  });
  if (moved) manager.lifecycle(session, 'error', `start failed: ${message}`);
  await completeJob(manager, job, { error: message });
}
