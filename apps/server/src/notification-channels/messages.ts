import type { NotificationJob } from '@fleetwright/contracts';
import { type DatabaseOrTransaction, getExecution, listExecutionResults } from '@fleetwright/db';

/** What a notification tells: which job, how its execution ended, where to look. */
export interface NotificationSubject {
  jobName: string;
  executionId: string;
  outcome: NotificationJob['outcome'];
  /** The first error of the execution, for a failure. */
  firstError: string | null;
}

/**
 * Finds the job and execution a notification is about (slice C's tables). Null when either is gone:
 * nothing is sent.
 */
export type LoadNotificationSubject = (job: NotificationJob) => Promise<NotificationSubject | null>;

/**
 * The execution a notification is about, with its job's name as it was when the execution was
 * created (the job may be renamed or deleted since) and its first error: the execution's own (a
 * timeout, a lost worker) or, when sessions failed, the first failed session's.
 */
export function executionSubject(db: DatabaseOrTransaction): LoadNotificationSubject {
  return async (job) => {
    const key = { organizationId: job.organizationId, id: job.executionId };
    const execution = await getExecution(db, key);
    if (!execution) return null;
    // SESSIONS_FAILED only counts the failed sessions: the first of them says what went wrong.
    const firstSessionError =
      job.outcome === 'failure' && (!execution.error || execution.error.code === 'SESSIONS_FAILED')
        ? ((await listExecutionResults(db, key)).find((result) => result.error)?.error ?? null)
        : null;
    const firstFailure = firstSessionError ?? execution.error;
    return {
      jobName: execution.jobName,
      executionId: execution.id,
      outcome: job.outcome,
      firstError: firstFailure ? `${firstFailure.code}: ${firstFailure.message}` : null,
    };
  };
}

const headlines: Record<NotificationJob['outcome'], string> = {
  failure: 'failed',
  success: 'succeeded',
  recovery: 'recovered (succeeded after failing)',
};

export interface NotificationMessage {
  subject: string;
  /** Plain text: headline, first error, link. */
  text: string;
  link: string;
  subjectOf: NotificationSubject;
}

/** The short message every channel sends, in its own format. */
export function notificationMessage(subject: NotificationSubject, baseUrl: string): NotificationMessage {
  const link = `${baseUrl}/executions/${subject.executionId}`;
  const headline = `Fleetwright: ${subject.jobName} ${headlines[subject.outcome]}`;
  const lines = [headline];
  if (subject.firstError) lines.push(`Error: ${subject.firstError.slice(0, 500)}`);
  lines.push(link);
  return { subject: headline, text: lines.join('\n'), link, subjectOf: subject };
}
