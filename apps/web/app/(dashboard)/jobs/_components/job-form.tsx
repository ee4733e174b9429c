'use client';

import { type Job, proxyStrategies } from '@fleetwright/contracts';
import { zodResolver } from '@hookform/resolvers/zod';
import { LoaderCircle, Plus, Trash } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ComponentProps, useEffect, useMemo } from 'react';
import {
  Controller,
  type FieldPath,
  FormProvider,
  useFieldArray,
  useForm,
  useFormContext,
  useWatch,
} from 'react-hook-form';
import { toast } from 'sonner';
import { FormAlert } from '@/components/common/form-alert';
import { FieldError, FormField, FormSection, useFieldError } from '@/components/forms/form-field';
import { ScriptPicker } from '@/components/scripts/script-picker';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useDevices } from '@/lib/api/devices';
import { useCreateJob, useUpdateJob } from '@/lib/api/jobs';
import { CronBuilder, TimezoneOptions } from './cron-builder';
import { FlowEditor } from './flow-editor';
import {
  changedJobBody,
  defaultJobFormValues,
  hasFileInputs,
  type JobFormOutput,
  type JobFormValues,
  jobFormSchema,
  jobToFormValues,
  SCHEDULE_TYPES,
  serverErrorOnForm,
  TEMPLATE_PROXY_MODES,
} from './job-form-schema';
import { NotificationRulesSection } from './notification-rules';

type FieldName = FieldPath<JobFormValues>;

/** The browser's own time zone, the cron builder's starting point; UTC on the server. */
function browserTimezone(): string {
  return typeof Intl === 'undefined' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Creates a job, or edits `job`: the same inputs, validated with the API's schemas before sending. */
export function JobForm({ job }: { job?: Job }) {
  const t = useTranslations('jobs.form');
  const router = useRouter();
  const createJob = useCreateJob();
  const updateJob = useUpdateJob(job?.id ?? '');
  const resolver = useMemo(() => zodResolver(jobFormSchema(job?.sessionTemplate ?? {})), [job]);
  const form = useForm<JobFormValues, unknown, JobFormOutput>({
    resolver,
    defaultValues: job ? jobToFormValues(job) : defaultJobFormValues(),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { handleSubmit, setError, formState, getFieldState, setValue, getValues } = form;
  // Read while rendering: react-hook-form only tracks the parts of formState a render reads.
  const { dirtyFields } = formState;

  // A new job's cron starts in the browser's time zone (known after hydration only).
  useEffect(() => {
    if (!job && !getFieldState('schedule.timezone').isDirty) setValue('schedule.timezone', browserTimezone());
  }, [job, getFieldState, setValue]);

  const onSubmit = handleSubmit(async (body) => {
    try {
      if (job) {
        const patch = changedJobBody(body, dirtyFields);
        if (Object.keys(patch).length > 0) await updateJob.mutateAsync(patch);
        toast.success(t('saved', { name: body.name }));
        router.push(`/jobs/${job.id}`);
      } else {
        const created = await createJob.mutateAsync(body);
        toast.success(t('created', { name: created.name }));
        router.push(`/jobs/${created.id}`);
      }
    } catch (error) {
      // A 400 names the offending input (`flow.steps.3.selector`): show it under that input.
      const placed =
        isApiError(error) && error.status >= 400 && error.status < 500
          ? serverErrorOnForm(
              error.field,
              errorMessage(error),
              getValues('flowFormat') === 'steps' ? getValues('flowSteps') : undefined,
            )
          : null;
      if (placed) {
        setError(
          placed.name as FieldName,
          { type: 'server', message: placed.message },
          { shouldFocus: true },
        );
      } else {
        setError('root.server', { type: 'server', message: errorMessage(error) });
      }
    }
  });

  const rootError = formState.errors.root?.server?.message;

  return (
    <FormProvider {...form}>
      <form data-testid="job-form" noValidate onSubmit={onSubmit} className="space-y-4">
        <Card className="px-4 sm:px-5">
          <GeneralSection />
          <WhatSection />
          <TargetsSection />
          <TemplateSection />
          <InputsSection fileInputs={job ? hasFileInputs(job) : false} />
          <ScheduleSection />
          <RunSection />
          <NotificationRulesSection />
        </Card>

        {rootError ? <FormAlert>{rootError}</FormAlert> : null}

        <div className="flex items-center justify-end gap-2">
          <Button asChild variant="ghost">
            <Link href={job ? `/jobs/${job.id}` : '/jobs'}>{t('cancel')}</Link>
          </Button>
          <Button type="submit" disabled={formState.isSubmitting} data-testid="job-form-submit">
            {formState.isSubmitting ? <LoaderCircle className="animate-spin" /> : null}
            {job ? t('save') : t('submit')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

/** An `<Input>` registered under `name`, with `id`, `aria-invalid` and `aria-describedby` wired. */
function TextField({ name, ...props }: { name: FieldName } & Omit<ComponentProps<'input'>, 'name'>) {
  const { register } = useFormContext<JobFormValues>();
  const error = useFieldError(name, true);
  return (
    <Input
      id={name}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
      autoComplete="off"
      {...props}
      {...register(name)}
    />
  );
}

function CheckboxField({
  name,
  label,
  hint,
}: {
  name: 'trace' | 'retries.backoff';
  label: string;
  hint?: string;
}) {
  const { control } = useFormContext<JobFormValues>();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <div className="flex items-start gap-2">
          <Checkbox
            id={name}
            name={name}
            checked={field.value}
            onCheckedChange={(checked) => field.onChange(checked === true)}
            onBlur={field.onBlur}
            ref={field.ref}
            className="mt-0.5"
          />
          <div className="grid gap-1">
            <Label htmlFor={name} className="text-sm font-normal">
              {label}
            </Label>
            {hint ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
          </div>
        </div>
      )}
    />
  );
}

function GeneralSection() {
  const t = useTranslations('jobs.form.general');
  const { register } = useFormContext<JobFormValues>();
  return (
    <FormSection title={t('title')} description={t('description')}>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="name" label={t('name')}>
          <TextField name="name" placeholder="nightly-price-check" maxLength={100} />
        </FormField>
        <FormField name="tags" label={t('tags')} hint={t('tagsHint')} nested>
          <TextField name="tags" placeholder="monitoring, eu" />
        </FormField>
      </div>
      <FormField name="description" label={t('descriptionField')}>
        <Textarea id="description" rows={2} maxLength={2000} {...register('description')} />
      </FormField>
    </FormSection>
  );
}

function WhatSection() {
  const t = useTranslations('jobs.form.what');
  const kinds = useTranslations('jobs.kinds');
  const { register } = useFormContext<JobFormValues>();
  const kind = useWatch<JobFormValues, 'kind'>({ name: 'kind' });
  return (
    <FormSection title={t('title')} description={t('description')}>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-xs font-medium">{t('kind')}</legend>
        <div className="grid gap-2 md:grid-cols-2">
          {(['flow', 'script'] as const).map((option) => (
            <label
              key={option}
              className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 transition-colors hover:bg-muted/40 has-[:checked]:border-primary/60 has-[:checked]:bg-muted/50"
            >
              <input type="radio" value={option} className="mt-0.5 accent-primary" {...register('kind')} />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{kinds(option)}</span>
                <span className="text-xs text-muted-foreground">{t(`kindHints.${option}`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError name="kind" />
      </fieldset>
      {kind === 'flow' ? <FlowEditor /> : <ScriptField />}
    </FormSection>
  );
}

/** The saved script a script job runs, picked from the library with its version ('' = latest). */
function ScriptField() {
  const t = useTranslations('jobs.form.what');
  const { setValue } = useFormContext<JobFormValues>();
  const scriptId = useWatch<JobFormValues, 'scriptId'>({ name: 'scriptId' });
  const scriptVersion = useWatch<JobFormValues, 'scriptVersion'>({ name: 'scriptVersion' });
  const error = useFieldError('scriptId');
  return (
    <FormField name="scriptId" label={t('script')} hint={t('scriptHint')}>
      <ScriptPicker
        id="scriptId"
        scriptId={scriptId}
        version={scriptVersion === '' ? null : Number(scriptVersion)}
        invalid={Boolean(error)}
        onChange={(choice) => {
          const options = { shouldDirty: true, shouldValidate: Boolean(error) };
          setValue('scriptId', choice.scriptId, options);
          setValue('scriptVersion', choice.version === null ? '' : String(choice.version), options);
        }}
      />
      <FieldError name="scriptVersion" />
    </FormField>
  );
}

function TargetsSection() {
  const t = useTranslations('jobs.form.targets');
  const { register } = useFormContext<JobFormValues>();
  const error = useFieldError('targets');
  return (
    <FormSection title={t('title')} description={t('description')}>
      <FormField name="targets" label={t('targets')} hint={t('targetsHint')}>
        <Textarea
          id="targets"
          rows={4}
          className="font-mono text-xs"
          placeholder={'https://example.com/\nhttps://example.com/pricing'}
          aria-invalid={error ? true : undefined}
          spellCheck={false}
          {...register('targets')}
        />
      </FormField>
      <FormField
        name="sessionsPerTarget"
        label={t('sessionsPerTarget')}
        hint={t('sessionsPerTargetHint')}
        className="md:max-w-56"
      >
        <TextField name="sessionsPerTarget" inputMode="numeric" />
      </FormField>
    </FormSection>
  );
}

/**
 * The sessions' settings. The new-session form's sections are bound to its own values (a
 * session's, with a script loop and auto-start), so the few a job template needs are here.
 */
function TemplateSection() {
  const t = useTranslations('jobs.form.template');
  const strategies = useTranslations('sessions.new.network.strategies');
  const { register } = useFormContext<JobFormValues>();
  const devices = useDevices();
  const proxyMode = useWatch<JobFormValues, 'template.proxyMode'>({ name: 'template.proxyMode' });
  return (
    <FormSection title={t('title')} description={t('description')}>
      <div className="grid gap-4 md:grid-cols-2">
        <FormField name="template.device" label={t('device')}>
          <NativeSelect id="template.device" disabled={devices.isPending} {...register('template.device')}>
            <option value="">{t('noDevice')}</option>
            {devices.data?.map((device) => (
              <option key={device.name} value={device.name}>
                {device.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField name="template.isolation" label={t('isolation')}>
          <NativeSelect id="template.isolation" {...register('template.isolation')}>
            <option value="context">{t('isolations.context')}</option>
            <option value="browser">{t('isolations.browser')}</option>
          </NativeSelect>
        </FormField>
        <FormField name="template.locale" label={t('locale')}>
          <TextField name="template.locale" placeholder="en-US" />
        </FormField>
        <FormField name="template.timezone" label={t('timezone')}>
          <TextField name="template.timezone" placeholder="Europe/Berlin" list="template-timezone-options" />
          <TimezoneOptions id="template-timezone-options" />
        </FormField>
      </div>
      <FormField name="template.proxyMode" label={t('proxy')}>
        <NativeSelect id="template.proxyMode" {...register('template.proxyMode')}>
          {TEMPLATE_PROXY_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`proxyModes.${mode}`)}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {proxyMode === 'url' ? (
        <FormField name="template.proxyUrl" label={t('proxyUrl')}>
          <TextField name="template.proxyUrl" placeholder="http://user:pass@proxy.example.com:8080" />
        </FormField>
      ) : null}
      {proxyMode === 'strategy' ? (
        <div className="grid gap-4 md:grid-cols-3">
          <FormField name="template.strategy" label={t('strategy')}>
            <NativeSelect id="template.strategy" {...register('template.strategy')}>
              {proxyStrategies.map((strategy) => (
                <option key={strategy} value={strategy}>
                  {strategies(strategy)}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField name="template.country" label={t('country')}>
            <TextField name="template.country" placeholder="DE" maxLength={2} />
          </FormField>
          <FormField name="template.proxyTags" label={t('proxyTags')}>
            <TextField name="template.proxyTags" placeholder="residential" />
          </FormField>
        </div>
      ) : null}
      <FieldError name="template" />
    </FormSection>
  );
}

function InputsSection({ fileInputs }: { fileInputs: boolean }) {
  const t = useTranslations('jobs.form.inputs');
  const { control } = useFormContext<JobFormValues>();
  const inputs = useFieldArray({ control, name: 'inputs' });
  return (
    <FormSection title={t('title')} description={t('description')}>
      {fileInputs ? (
        <p className="text-xs text-muted-foreground" data-testid="file-inputs-note">
          {t('fileInputs')}
        </p>
      ) : (
        <div className="grid gap-1.5">
          {inputs.fields.length === 0 ? <p className="text-xs text-muted-foreground">{t('none')}</p> : null}
          {inputs.fields.map((field, index) => (
            <div key={field.id} className="grid gap-1">
              <div className="grid grid-cols-[1fr_2fr_auto] gap-2">
                <TextField
                  name={`inputs.${index}.name`}
                  aria-label={t('name', { number: index + 1 })}
                  placeholder="query"
                  className="font-mono"
                />
                <TextField name={`inputs.${index}.value`} aria-label={t('value', { number: index + 1 })} />
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={t('remove', { number: index + 1 })}
                  onClick={() => inputs.remove(index)}
                >
                  <Trash />
                </Button>
              </div>
              <FieldError name={`inputs.${index}.name`} />
            </div>
          ))}
          <FieldError name="inputs" />
          <div>
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => inputs.append({ name: '', value: '' })}
            >
              <Plus />
              {t('add')}
            </Button>
          </div>
        </div>
      )}
    </FormSection>
  );
}

function ScheduleSection() {
  const t = useTranslations('jobs.form.schedule');
  const { register } = useFormContext<JobFormValues>();
  const type = useWatch<JobFormValues, 'schedule.type'>({ name: 'schedule.type' });
  return (
    <FormSection title={t('title')} description={t('description')}>
      <fieldset className="grid gap-1.5">
        <legend className="mb-1.5 text-xs font-medium">{t('when')}</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {SCHEDULE_TYPES.map((option) => (
            <label
              key={option}
              className="flex cursor-pointer items-start gap-2.5 rounded-md border p-3 transition-colors hover:bg-muted/40 has-[:checked]:border-primary/60 has-[:checked]:bg-muted/50"
            >
              <input
                type="radio"
                value={option}
                className="mt-0.5 accent-primary"
                data-testid={`schedule-${option}`}
                {...register('schedule.type')}
              />
              <span className="grid gap-0.5">
                <span className="text-sm font-medium">{t(`types.${option}.label`)}</span>
                <span className="text-xs text-muted-foreground">{t(`types.${option}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError name="schedule.type" />
      </fieldset>
      {type === 'at' ? (
        <FormField name="schedule.at" label={t('at')} hint={t('atHint')} className="md:max-w-72">
          <TextField name="schedule.at" type="datetime-local" />
        </FormField>
      ) : null}
      {type === 'cron' ? <CronBuilder /> : null}
    </FormSection>
  );
}

function RunSection() {
  const t = useTranslations('jobs.form.run');
  return (
    <FormSection title={t('title')} description={t('description')}>
      <div className="grid gap-4 sm:grid-cols-2 md:grid-cols-3">
        <FormField name="priority" label={t('priority')} hint={t('priorityHint')}>
          <TextField name="priority" inputMode="numeric" />
        </FormField>
        <FormField name="timeoutSeconds" label={t('timeout')} hint={t('timeoutHint')}>
          <TextField name="timeoutSeconds" inputMode="numeric" />
        </FormField>
        <FormField name="concurrency" label={t('concurrency')} hint={t('concurrencyHint')}>
          <TextField name="concurrency" inputMode="numeric" />
        </FormField>
      </div>
      <div className="grid gap-4 sm:grid-cols-2 md:grid-cols-3">
        <FormField name="retries.limit" label={t('retries')} hint={t('retriesHint')}>
          <TextField name="retries.limit" inputMode="numeric" />
        </FormField>
        <FormField name="retries.delaySeconds" label={t('retryDelay')} hint={t('retryDelayHint')}>
          <TextField name="retries.delaySeconds" inputMode="numeric" />
        </FormField>
        <div className="pt-6">
          <CheckboxField name="retries.backoff" label={t('backoff')} />
        </div>
      </div>
      <CheckboxField name="trace" label={t('trace')} hint={t('traceHint')} />
    </FormSection>
  );
}
