'use client';

import { ChevronDown } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFormState } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import type { JobFormValues } from '../job-form-schema';
import { COMMON_STEP_FIELDS } from './step-fields';
import { StepCheckField, StepNumberField, StepTextField, useStepDraft } from './step-inputs';

/**
 * What every step may have (a label, its own time limit, going on after a failure), folded away
 * until asked for, or until one of them is set or wrong.
 */
export function CommonStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  const draft = useStepDraft(index);
  const { errors } = useFormState<JobFormValues>({ name: `flowSteps.${index}` as never });
  const stepErrors = (errors.flowSteps as unknown as Record<string, unknown>[] | undefined)?.[index];
  const hasError = Object.keys(COMMON_STEP_FIELDS).some((field) => stepErrors?.[field] !== undefined);
  const isSet = Boolean(draft?.name || draft?.timeoutMs || draft?.continueOnFailure);
  const [open, setOpen] = useState(isSet);
  const shown = open || hasError;
  return (
    <div className="grid gap-2">
      <div>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          aria-expanded={shown}
          onClick={() => setOpen(!shown)}
          className="-ml-2 text-muted-foreground"
        >
          <ChevronDown className={cn('transition-transform', shown ? 'rotate-180' : '')} />
          {t('options')}
        </Button>
      </div>
      {shown ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <StepTextField index={index} field="name" hint={t('nameHint')} />
          <StepNumberField index={index} field="timeoutMs" hint={t('timeoutHint')} />
          <StepCheckField index={index} field="continueOnFailure" className="sm:pt-5" />
        </div>
      ) : null}
    </div>
  );
}
