'use client';

import { cronPresets, nextCronRuns } from '@fleetwright/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { FormField } from '@/components/forms/form-field';
import { formatRunInZone } from '@/components/jobs/schedule-words';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import type { JobFormValues } from './job-form-schema';

const PRESETS = Object.keys(cronPresets) as (keyof typeof cronPresets)[];
const CUSTOM = 'custom';
/** How many upcoming runs the builder lists. */
const PREVIEW_RUNS = 5;

function presetOf(cron: string): string {
  return PRESETS.find((preset) => cronPresets[preset] === cron.trim()) ?? CUSTOM;
}

/** The next runs of `cron` in `timezone`, or null when either is not valid (yet). */
function previewRuns(cron: string, timezone: string): string[] | null {
  try {
    return nextCronRuns(cron, timezone, PREVIEW_RUNS);
  } catch {
    return null;
  }
}

/**
 * A cron schedule: a preset (hourly, daily, weekly) or a custom expression, a time zone, and the
 * next runs in that zone, computed here in the browser by croner (the library the scheduler uses),
 * so the list follows every keystroke without a round trip.
 */
export function CronBuilder() {
  const t = useTranslations('jobs.form.schedule');
  const locale = useLocale();
  const { register, setValue } = useFormContext<JobFormValues>();
  const cron = useWatch<JobFormValues, 'schedule.cron'>({ name: 'schedule.cron' });
  const timezone = useWatch<JobFormValues, 'schedule.timezone'>({ name: 'schedule.timezone' });
  const runs = useMemo(() => previewRuns(cron, timezone.trim()), [cron, timezone]);

  return (
    <div className="grid gap-4" data-testid="cron-builder">
      <div className="grid gap-4 md:grid-cols-3">
        <FormField name="schedule.preset" label={t('preset')}>
          <NativeSelect
            id="schedule.preset"
            value={presetOf(cron)}
            onChange={(event) => {
              const preset = event.target.value as keyof typeof cronPresets | typeof CUSTOM;
              if (preset !== CUSTOM)
                setValue('schedule.cron', cronPresets[preset], { shouldDirty: true, shouldValidate: true });
            }}
          >
            {PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(`presets.${preset}`)}
              </option>
            ))}
            <option value={CUSTOM}>{t('presets.custom')}</option>
          </NativeSelect>
        </FormField>
        <FormField name="schedule.cron" label={t('cron')} hint={t('cronHint')}>
          <Input id="schedule.cron" className="font-mono" autoComplete="off" {...register('schedule.cron')} />
        </FormField>
        <FormField name="schedule.timezone" label={t('timezone')}>
          <Input
            id="schedule.timezone"
            list="cron-timezone-options"
            autoComplete="off"
            placeholder="Europe/Berlin"
            {...register('schedule.timezone')}
          />
          <TimezoneOptions id="cron-timezone-options" />
        </FormField>
      </div>
      <div className="grid gap-1.5">
        <span className="text-xs font-medium">{t('nextRuns', { timezone: timezone || '—' })}</span>
        {runs ? (
          <ol
            data-testid="cron-next-runs"
            className="grid gap-0.5 rounded-md border bg-muted/30 p-2 text-xs tabular-nums"
          >
            {runs.map((run) => (
              <li key={run} data-at={run}>
                {formatRunInZone(locale, run, timezone.trim())}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-xs text-muted-foreground" data-testid="cron-next-runs-invalid">
            {t('noPreview')}
          </p>
        )}
      </div>
    </div>
  );
}

/** A `<datalist>` of the browser's IANA time zones, for an input's `list`. */
export function TimezoneOptions({ id }: { id: string }) {
  // Time zones differ between Node and browsers: list them after hydration only.
  const [timezones, setTimezones] = useState<string[]>([]);
  useEffect(() => {
    setTimezones(Intl.supportedValuesOf('timeZone'));
  }, []);
  return (
    <datalist id={id}>
      {timezones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}
