'use client';

import { useTranslations } from 'next-intl';
import { STEP_FIELDS, WAIT_FOR_KINDS } from './step-fields';
import { StepChoiceField, StepNumberField, StepTextField, useStepDraft, VariablesHint } from './step-inputs';

const GRID = 'grid gap-3 sm:grid-cols-2';

/** wait: for an element in a state, a URL (glob or `regex:`), or a time; one of the three. */
export function WaitStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  const draft = useStepDraft(index);
  return (
    <div className={GRID}>
      <StepChoiceField
        index={index}
        field="waitFor"
        choices={WAIT_FOR_KINDS}
        optionLabel={(kind) => t(`waitFor.${kind}`)}
        className="sm:col-span-2"
      />
      {draft?.waitFor === 'url' ? (
        <StepTextField
          index={index}
          field="url"
          placeholder="**/done, regex:/orders/\d+$"
          mono
          hint={<VariablesHint index={index} />}
        />
      ) : draft?.waitFor === 'ms' ? (
        <StepNumberField index={index} field="ms" />
      ) : (
        <>
          <StepTextField index={index} field="selector" placeholder="#results" mono />
          <StepChoiceField index={index} field="state" choices={STEP_FIELDS.wait.state?.choices ?? []} />
        </>
      )}
    </div>
  );
}

/** setViewport and pause: the page's size, a fixed pause. */
export function PageStepFields({ index, type }: { index: number; type: 'setViewport' | 'pause' }) {
  if (type === 'pause') return <StepNumberField index={index} field="ms" className="sm:max-w-48" />;
  return (
    <div className="grid grid-cols-2 gap-3 sm:max-w-96">
      <StepNumberField index={index} field="width" />
      <StepNumberField index={index} field="height" />
    </div>
  );
}
