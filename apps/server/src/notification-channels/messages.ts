import type { NotificationJob } from '@fleetwright/contracts';

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
 * Until jobs and executions are stored (issue 11, slice C), a notification names the job by its id.
 * The consumer takes its loader as an option, so the real one replaces this without other changes.
 */
export const subjectFromIds: LoadNotificationSubject = async (job) => ({
  jobName: `job ${job.jobId}`,
  executionId: job.executionId,
  outcome: job.outcome,
  firstError: null,
});

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
