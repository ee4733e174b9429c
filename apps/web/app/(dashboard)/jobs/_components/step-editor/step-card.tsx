'use client';

import type { FlowStepType } from '@fleetwright/contracts';
import { ArrowDown, ArrowUp, Copy, Trash } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useFormState, useWatch } from 'react-hook-form';
import { FieldError } from '@/components/forms/form-field';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import type { JobFormValues } from '../job-form-schema';
import { CommonStepFields } from './common-step-fields';
import { stepFieldName } from './step-inputs';
import { StepTypeFields } from './step-type-fields';

export interface StepCardActions {
  moveUp?: () => void;
  moveDown?: () => void;
  duplicate: () => void;
  remove: () => void;
}

function ActionButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick?: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon-sm"
      aria-label={label}
      title={label}
      disabled={!onClick}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}

/** One step of the flow: its number and type, its actions, its inputs; red when a field is wrong. */
export function StepCard({ index, actions }: { index: number; actions: StepCardActions }) {
  const t = useTranslations('jobs.form.steps');
  const type = useWatch<JobFormValues>({ name: stepFieldName(index, 'type') }) as FlowStepType;
  const { errors } = useFormState<JobFormValues>({ name: `flowSteps.${index}` as never });
  const invalid = (errors.flowSteps as unknown[] | undefined)?.[index] !== undefined;
  const number = index + 1;
  const label = t(`types.${type}.label`);
  return (
    <li
      data-testid="step-card"
      data-step-index={index}
      data-type={type}
      data-invalid={invalid ? 'true' : undefined}
      aria-label={t('card', { number, type: label })}
      className={cn(
        'grid min-w-0 scroll-mt-20 gap-3 rounded-lg border bg-card p-3 shadow-xs',
        invalid && 'border-destructive/70 ring-1 ring-destructive/30',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span
          className={cn(
            'flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-medium tabular-nums',
            invalid && 'bg-destructive/15 text-destructive',
          )}
        >
          {number}
        </span>
        <span className="text-sm font-medium">{label}</span>
        <span className="hidden min-w-0 truncate text-xs text-muted-foreground md:inline">
          {t(`types.${type}.description`)}
        </span>
        <div className="ml-auto flex shrink-0 gap-0.5">
          <ActionButton label={t('moveUp', { number })} onClick={actions.moveUp}>
            <ArrowUp />
          </ActionButton>
          <ActionButton label={t('moveDown', { number })} onClick={actions.moveDown}>
            <ArrowDown />
          </ActionButton>
          <ActionButton label={t('duplicate', { number })} onClick={actions.duplicate}>
            <Copy />
          </ActionButton>
          <ActionButton label={t('remove', { number })} onClick={actions.remove}>
            <Trash />
          </ActionButton>
        </div>
      </div>
      <FieldError name={stepFieldName(index, 'type')} />
      <StepTypeFields index={index} type={type} />
      <CommonStepFields index={index} />
    </li>
  );
}
