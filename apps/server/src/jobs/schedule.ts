import type { JobSchedule } from '@fleetwright/contracts';
import { Cron } from 'croner';

/**
 * The Postgres NOTIFY channel on which the API says "jobs changed" (created, rescheduled, paused,
 * deleted): every server's scheduler re-reads its earliest due time. Sent inside the changing
 * transaction, so it arrives with the change, at commit.
 */
export const JOBS_CHANGED_CHANNEL = 'fleetwright_jobs_changed';

/**
 * When a job with this schedule runs first, counted from `now`: a cron's next slot in its time
 * zone, an `at` job's time (at once if it is past), nothing for `now` and `manual`.
 */
export function firstRunAt(schedule: JobSchedule, now: Date): Date | null {
  if (schedule.type === 'at') return new Date(schedule.at);
  return nextRunAfter(schedule, now);
}

/**
 * The slot after a run fired at `now`: a cron's next one (slots missed while no server ran are not
 * made up: one run fires for them, then the schedule goes on from now); none for the others.
 */
export function nextRunAfter(schedule: JobSchedule, now: Date): Date | null {
  if (schedule.type !== 'cron') return null;
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true }).nextRun(now);
}
