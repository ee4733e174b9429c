'use client';

import type { FlowStepType } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { useWatch } from 'react-hook-form';
import type { JobFormValues } from '../job-form-schema';
import { STEP_FIELDS } from './step-fields';
import {
  StepCheckField,
  StepChoiceField,
  StepNumberField,
  StepTextField,
  VariablesHint,
} from './step-inputs';

const GRID = 'grid gap-3 sm:grid-cols-2';

function SelectorField({ index, optional = false }: { index: number; optional?: boolean }) {
  const t = useTranslations('jobs.form.steps');
  return (
    <StepTextField
      index={index}
      field="selector"
      placeholder="#search, text=Sign in, role=button[name='Go']"
      mono
      hint={optional ? t('selectorOptional') : undefined}
    />
  );
}

/** The page's elements acted on: click, fill, press, select, check, hover, upload. */
export function InteractionStepFields({ index, type }: { index: number; type: FlowStepType }) {
  const t = useTranslations('jobs.form.steps');
  const inputs = useWatch<JobFormValues, 'inputs'>({ name: 'inputs' });
  switch (type) {
    case 'click':
      return (
        <div className={GRID}>
          <SelectorField index={index} />
          <div className="grid grid-cols-2 gap-3">
            <StepChoiceField index={index} field="button" choices={STEP_FIELDS.click.button?.choices ?? []} />
            <StepNumberField index={index} field="clickCount" />
          </div>
        </div>
      );
    case 'fill':
      return (
        <div className={GRID}>
          <SelectorField index={index} />
          <StepTextField index={index} field="value" hint={<VariablesHint index={index} />} />
        </div>
      );
    case 'press':
      return (
        <div className={GRID}>
          <SelectorField index={index} optional />
          <StepTextField index={index} field="key" placeholder="Enter, Control+A, ArrowDown" mono />
        </div>
      );
    case 'select':
      return (
        <div className={GRID}>
          <SelectorField index={index} />
          <StepTextField
            index={index}
            field="values"
            rows={2}
            hint={
              <>
                {t('valuesHint')} <VariablesHint index={index} />
              </>
            }
          />
        </div>
      );
    case 'check':
      return (
        <div className={GRID}>
          <SelectorField index={index} />
          <StepCheckField index={index} field="checked" className="sm:pt-5" />
        </div>
      );
    case 'upload':
      return (
        <div className={GRID}>
          <SelectorField index={index} />
          <StepTextField
            index={index}
            field="input"
            mono
            list={`flowSteps-${index}-inputs`}
            hint={t('uploadHint')}
          />
          <datalist id={`flowSteps-${index}-inputs`}>
            {inputs.map((input) => (
              <option key={input.name} value={input.name} />
            ))}
          </datalist>
        </div>
      );
    default:
      return <SelectorField index={index} />;
  }
}
