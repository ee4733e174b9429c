import { nextCronRuns } from '@fleetwright/contracts';
import { describe, expect, it } from 'vitest';
import { describeSchedule } from './schedule-words';

describe('schedules in words', () => {
  it('reads the presets as sentences and any other expression as it is', () => {
    expect(describeSchedule({ type: 'cron', cron: '0 * * * *', timezone: 'UTC' })).toEqual({
      key: 'hourly',
      minute: '00',
      timezone: 'UTC',
    });
    expect(describeSchedule({ type: 'cron', cron: '30 9 * * *', timezone: 'UTC' })).toMatchObject({
      key: 'daily',
      time: '09:30',
    });
    expect(describeSchedule({ type: 'cron', cron: '0 9 * * 7', timezone: 'UTC' })).toMatchObject({
      key: 'weekly',
      weekday: 0,
      time: '09:00',
    });
    expect(describeSchedule({ type: 'cron', cron: '*/5 * * * *', timezone: 'UTC' })).toMatchObject({
      key: 'cron',
      cron: '*/5 * * * *',
    });
    expect(describeSchedule({ type: 'manual' })).toEqual({ key: 'manual' });
  });

  it('computes the next runs in the chosen time zone in the browser (croner, no round trip)', () => {
    const from = new Date('2026-12-07T12:00:00Z');
    // 09:00 in São Paulo (UTC-3) is 12:00 UTC; the first run after noon UTC is the next day's.
    expect(nextCronRuns('0 9 * * *', 'America/Sao_Paulo', 2, from)).toEqual([
      '2026-12-08T12:00:00.000Z',
      '2026-12-09T12:00:00.000Z',
    ]);
  });
});
