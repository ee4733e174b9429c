'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { type FieldPath, useFormContext, useWatch } from 'react-hook-form';
import { FieldError, useFieldError } from '@/components/forms/form-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { cn } from '@/lib/utils';
import type messages from '@/messages/en.json';
import type { JobFormValues } from '../job-form-schema';
import type { StepDraft } from './step-drafts';

/** A field's label key: `jobs.form.steps.fields.<key>`; a key missing in en.json fails the typecheck. */
export type StepFieldLabel = keyof (typeof messages)['jobs']['form']['steps']['fields'];

/** A step's field in the job form: `flowSteps.3.selector`. */
export function stepFieldName(index: number, field: string): FieldPath<JobFormValues> {
  return `flowSteps.${index}.${field}` as FieldPath<JobFormValues>;
}

/** Props every step input takes: the step's index and the field it edits. */
export interface StepInputProps {
  index: number;
  field: StepFieldLabel;
  /** The label's message key under `jobs.form.steps.fields`; the field's name when absent. */
  label?: StepFieldLabel;
  hint?: ReactNode;
  className?: string;
}

/** A label, the input, a hint and the field's error, wired by id as FormField does. */
function StepFieldFrame({
  name,
  label,
  hint,
  className,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn('grid min-w-0 content-start gap-1', className)}>
      <Label htmlFor={name} className="text-xs">
        {label}
      </Label>
      {children}
      {hint ? <div className="text-xs text-muted-foreground">{hint}</div> : null}
      <FieldError name={name} />
    </div>
  );
}

function useStepInput(index: number, field: string) {
  const { register } = useFormContext<JobFormValues>();
  const name = stepFieldName(index, field);
  const error = useFieldError(name);
  const aria = {
    id: name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${name}-error` : undefined,
  } as const;
  return { name, aria, register: () => register(name) };
}

export function StepTextField({
  index,
  field,
  label,
  hint,
  className,
  placeholder,
  mono = false,
  rows,
  list,
}: StepInputProps & {
  placeholder?: string;
  mono?: boolean;
  /** A textarea of this many rows rather than one line. */
  rows?: number;
  /** A datalist's id, to suggest values. */
  list?: string;
}) {
  const t = useTranslations('jobs.form.steps.fields');
  const input = useStepInput(index, field);
  const props = {
    ...input.aria,
    placeholder,
    autoComplete: 'off',
    spellCheck: false,
    className: mono ? 'font-mono text-xs' : undefined,
    ...input.register(),
  };
  return (
    <StepFieldFrame name={input.name} label={t(label ?? field)} hint={hint} className={className}>
      {rows ? <Textarea rows={rows} {...props} /> : <Input list={list} {...props} />}
    </StepFieldFrame>
  );
}

export function StepNumberField({ index, field, label, hint, className }: StepInputProps) {
  const t = useTranslations('jobs.form.steps.fields');
  const input = useStepInput(index, field);
  return (
    <StepFieldFrame name={input.name} label={t(label ?? field)} hint={hint} className={className}>
      <Input {...input.aria} inputMode="numeric" autoComplete="off" {...input.register()} />
    </StepFieldFrame>
  );
}

/** A choice among `choices`; their words from `optionLabel`, else the schema's own values. */
export function StepChoiceField<Choice extends string>({
  index,
  field,
  label,
  hint,
  className,
  choices,
  optionLabel,
}: StepInputProps & { choices: readonly Choice[]; optionLabel?: (choice: Choice) => string }) {
  const t = useTranslations('jobs.form.steps.fields');
  const input = useStepInput(index, field);
  return (
    <StepFieldFrame name={input.name} label={t(label ?? field)} hint={hint} className={className}>
      <NativeSelect {...input.aria} {...input.register()}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {optionLabel ? optionLabel(choice) : choice}
          </option>
        ))}
      </NativeSelect>
    </StepFieldFrame>
  );
}

export function StepCheckField({ index, field, label, className }: StepInputProps) {
  const t = useTranslations('jobs.form.steps.fields');
  const input = useStepInput(index, field);
  return (
    <div className={cn('grid content-start gap-1', className)}>
      <label htmlFor={input.name} className="flex min-h-8 items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-primary" {...input.aria} {...input.register()} />
        {t(label ?? field)}
      </label>
      <FieldError name={input.name} />
    </div>
  );
}

/** The step's draft as the form holds it now. */
export function useStepDraft(index: number): StepDraft {
  return useWatch<JobFormValues>({ name: `flowSteps.${index}` as FieldPath<JobFormValues> }) as StepDraft;
}

/**
 * The variables a value may use, under value fields: the job's inputs, the names earlier steps
 * keep values under (extract, evaluate), `{{secrets.NAME}}` and `{{target}}`.
 */
export function VariablesHint({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  const inputs = useWatch<JobFormValues, 'inputs'>({ name: 'inputs' });
  const steps = useWatch<JobFormValues, 'flowSteps'>({ name: 'flowSteps' });
  const kept = steps
    .slice(0, index)
    .filter((step) => step.type === 'extract' || step.type === 'evaluate')
    .map((step) => (typeof step.as === 'string' ? step.as.trim() : ''));
  const names = [...new Set([...inputs.map((input) => input.name.trim()), ...kept].filter(Boolean))];
  const variables = [...names.map((name) => `{{${name}}}`), '{{secrets.NAME}}', '{{target}}'];
  return (
    <span data-testid="step-variables">
      {t('variables')}{' '}
      {variables.map((variable, position) => (
        <span key={variable}>
          {position > 0 ? ', ' : null}
          <code className="font-mono">{variable}</code>
        </span>
      ))}
    </span>
  );
}
