import type { JobSchedule } from '@fleetwright/contracts';

/**
 * A schedule in words, as message keys and values (`jobs.schedule.*`): the common cron shapes
 * (hourly at a minute, daily or weekly at a time) read as a sentence; any other expression is
 * shown as it is.
 */
export type ScheduleWords =
  | { key: 'now' }
  | { key: 'manual' }
  | { key: 'at'; at: string }
  | { key: 'hourly'; minute: string; timezone: string }
  | { key: 'daily'; time: string; timezone: string }
  | { key: 'weekly'; weekday: number; time: string; timezone: string }
  | { key: 'cron'; cron: string; timezone: string };

const NUMBER = /^\d{1,2}$/;

function clock(hour: string, minute: string): string {
  return `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
}

export function describeSchedule(schedule: JobSchedule): ScheduleWords {
  if (schedule.type !== 'cron')
    return schedule.type === 'at' ? { key: 'at', at: schedule.at } : { key: schedule.type };
  const { cron, timezone } = schedule;
  const fields = cron.trim().split(/\s+/);
  if (fields.length === 5) {
    const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
    const everyDay = day === '*' && month === '*';
    if (NUMBER.test(minute) && hour === '*' && everyDay && weekday === '*') {
      return { key: 'hourly', minute: minute.padStart(2, '0'), timezone };
    }
    if (NUMBER.test(minute) && NUMBER.test(hour) && everyDay) {
      if (weekday === '*') return { key: 'daily', time: clock(hour, minute), timezone };
      // 0 and 7 are both Sunday in cron.
      if (/^[0-7]$/.test(weekday)) {
        return { key: 'weekly', weekday: Number(weekday) % 7, time: clock(hour, minute), timezone };
      }
    }
  }
  return { key: 'cron', cron, timezone };
}

/** "Monday" in `locale`, for a cron weekday (0 = Sunday). */
export function weekdayName(locale: string, weekday: number): string {
  // 2023-01-01 was a Sunday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2023, 0, 1 + weekday),
  );
}

/** A run time as the cron builder lists it: in the schedule's own time zone, with that zone's name. */
export function formatRunInZone(locale: string, iso: string, timezone: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: timezone,
    timeZoneName: 'short',
  }).format(Date.parse(iso));
}
