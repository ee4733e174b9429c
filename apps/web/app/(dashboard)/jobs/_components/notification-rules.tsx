'use client';

import { type JobNotificationOutcome, jobNotificationOutcomes } from '@fleetwright/contracts';
import { Plus, Trash } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Controller, useFieldArray, useFormContext } from 'react-hook-form';
import { FieldError, FormSection } from '@/components/forms/form-field';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { useNotificationChannels } from '@/lib/api/notification-channels';
import type { JobFormValues } from './job-form-schema';

/**
 * The job's notification rules: each sends through one channel of the organization when a run
 * ends in one of the chosen outcomes. Channels are made on the notifications settings page.
 */
export function NotificationRulesSection() {
  const t = useTranslations('jobs.form.notifications');
  const { control, register } = useFormContext<JobFormValues>();
  const rules = useFieldArray({ control, name: 'notifications' });
  const channels = useNotificationChannels();
  const noChannels = channels.isSuccess && channels.data.length === 0;
  return (
    <FormSection title={t('title')} description={t('description')}>
      <div className="grid gap-2" data-testid="notification-rules">
        {rules.fields.length === 0 ? <p className="text-xs text-muted-foreground">{t('none')}</p> : null}
        {rules.fields.map((field, index) => (
          <div key={field.id} className="grid gap-1 rounded-md border p-2" data-testid="notification-rule">
            <div className="grid items-center gap-2 sm:grid-cols-[minmax(0,1fr)_auto_auto]">
              <NativeSelect
                aria-label={t('channel', { number: index + 1 })}
                disabled={channels.isPending}
                {...register(`notifications.${index}.channelId`)}
              >
                <option value="">{t('chooseChannel')}</option>
                {channels.data?.map((channel) => (
                  <option key={channel.id} value={channel.id}>
                    {channel.name}
                  </option>
                ))}
              </NativeSelect>
              <Controller
                control={control}
                name={`notifications.${index}.on`}
                render={({ field: on }) => (
                  <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
                    <legend className="sr-only">{t('outcomes', { number: index + 1 })}</legend>
                    {jobNotificationOutcomes.map((outcome) => (
                      <OutcomeBox
                        key={outcome}
                        id={`notifications-${index}-${outcome}`}
                        outcome={outcome}
                        checked={on.value.includes(outcome)}
                        onChange={(checked) =>
                          on.onChange(
                            checked
                              ? jobNotificationOutcomes.filter((o) => o === outcome || on.value.includes(o))
                              : on.value.filter((o) => o !== outcome),
                          )
                        }
                      />
                    ))}
                  </fieldset>
                )}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                className="justify-self-end"
                aria-label={t('remove', { number: index + 1 })}
                onClick={() => rules.remove(index)}
              >
                <Trash />
              </Button>
            </div>
            <FieldError name={`notifications.${index}`} nested />
          </div>
        ))}
        <FieldError name="notifications" />
        {noChannels ? (
          <p className="text-xs text-muted-foreground">
            {t('noChannels')}{' '}
            <Link href="/settings/notifications" className="underline underline-offset-2">
              {t('channelsPage')}
            </Link>
          </p>
        ) : null}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={noChannels}
            data-testid="add-notification-rule"
            onClick={() => rules.append({ channelId: channels.data?.[0]?.id ?? '', on: ['failure'] })}
          >
            <Plus />
            {t('add')}
          </Button>
        </div>
      </div>
    </FormSection>
  );
}

function OutcomeBox({
  id,
  outcome,
  checked,
  onChange,
}: {
  id: string;
  outcome: JobNotificationOutcome;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations('jobs.form.notifications.on');
  return (
    <div className="flex items-center gap-1.5">
      <Checkbox id={id} checked={checked} onCheckedChange={(value) => onChange(value === true)} />
      <Label htmlFor={id} className="text-xs font-normal">
        {t(outcome)}
      </Label>
    </div>
  );
}
