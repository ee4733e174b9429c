'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { useFieldArray, useFormContext, useFormState } from 'react-hook-form';
import { FieldError } from '@/components/forms/form-field';
import type { JobFormValues } from '../job-form-schema';
import { StepCard } from './step-card';
import { emptyStepDraft, type StepDraft } from './step-drafts';
import { StepTypeMenu } from './step-type-menu';

/**
 * The flow as a list of step cards (the job form's default view of a flow): add a step from the
 * type menu, move, duplicate or remove one. After a refused save, the first step with a problem
 * is scrolled into view.
 */
export function StepEditor() {
  const t = useTranslations('jobs.form.steps');
  const { control, getValues } = useFormContext<JobFormValues>();
  const steps = useFieldArray({ control, name: 'flowSteps' });
  const list = useRef<HTMLOListElement>(null);
  const { errors, submitCount } = useFormState<JobFormValues>({ control, name: 'flowSteps' });
  const stepErrors = errors.flowSteps as unknown[] | undefined;
  const firstInvalid = Array.isArray(stepErrors) ? stepErrors.findIndex((error) => error !== undefined) : -1;

  // Also after a server's 400 (a setError, not a submit): the effect follows the first invalid step.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each refused save scrolls again, even to the same step.
  useEffect(() => {
    if (firstInvalid < 0) return;
    const card = list.current?.querySelector(`[data-step-index="${firstInvalid}"]`);
    if (card && !card.contains(document.activeElement)) card.scrollIntoView({ block: 'center' });
  }, [firstInvalid, submitCount]);

  const count = steps.fields.length;
  return (
    <div className="grid min-w-0 gap-3" data-testid="step-editor">
      {count === 0 ? <p className="text-xs text-muted-foreground">{t('empty')}</p> : null}
      <ol ref={list} className="grid min-w-0 gap-3">
        {steps.fields.map((field, index) => (
          <StepCard
            key={field.id}
            index={index}
            actions={{
              moveUp: index > 0 ? () => steps.move(index, index - 1) : undefined,
              moveDown: index < count - 1 ? () => steps.move(index, index + 1) : undefined,
              duplicate: () =>
                steps.insert(index + 1, structuredClone(getValues(`flowSteps.${index}`) as StepDraft)),
              remove: () => steps.remove(index),
            }}
          />
        ))}
      </ol>
      <FieldError name="flowSteps" />
      <div>
        <StepTypeMenu onAdd={(type) => steps.append(emptyStepDraft(type))} />
      </div>
    </div>
  );
}
