'use client';

import type { JobSchedule } from '@fleetwright/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useFormat } from '@/lib/hooks/use-format';
import { describeSchedule, weekdayName } from './schedule-words';

/** "Every Monday at 09:00 (Europe/Berlin)", "By hand", "Once at Dec 7, 2026, 9:30 AM". */
export function useScheduleText(): (schedule: JobSchedule) => string {
  const t = useTranslations('jobs.schedule');
  const locale = useLocale();
  const format = useFormat();
  return (schedule) => {
    const words = describeSchedule(schedule);
    switch (words.key) {
      case 'now':
      case 'manual':
        return t(words.key);
      case 'at':
        return t('at', { at: format.dateTime(words.at) });
      case 'hourly':
        return t('hourly', { minute: words.minute, timezone: words.timezone });
      case 'daily':
        return t('daily', { time: words.time, timezone: words.timezone });
      case 'weekly':
        return t('weekly', {
          weekday: weekdayName(locale, words.weekday),
          time: words.time,
          timezone: words.timezone,
        });
      case 'cron':
        return t('cron', { cron: words.cron, timezone: words.timezone });
    }
  };
}
