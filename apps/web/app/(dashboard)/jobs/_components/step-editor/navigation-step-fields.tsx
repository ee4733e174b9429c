'use client';

import { STEP_FIELDS } from './step-fields';
import { StepChoiceField, StepTextField, VariablesHint } from './step-inputs';

const GRID = 'grid gap-3 sm:grid-cols-2';

/** goto: a URL (often `{{target}}`) and when the page counts as loaded. */
export function GotoStepFields({ index }: { index: number }) {
  return (
    <div className={GRID}>
      <StepTextField
        index={index}
        field="url"
        placeholder="{{target}}"
        mono
        hint={<VariablesHint index={index} />}
      />
      <StepChoiceField index={index} field="waitUntil" choices={STEP_FIELDS.goto.waitUntil?.choices ?? []} />
    </div>
  );
}
