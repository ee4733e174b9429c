'use client';

import { useTranslations } from 'next-intl';
import { ASSERT_KINDS, type AssertKind, MATCH_KINDS } from './step-fields';
import {
  StepCheckField,
  StepChoiceField,
  StepNumberField,
  StepTextField,
  useStepDraft,
  VariablesHint,
} from './step-inputs';

/** assert: an element's text, its visibility, the URL, the title, or how many elements match. */
export function AssertStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  const draft = useStepDraft(index);
  const kind = (draft?.assert as AssertKind | undefined) ?? 'text';
  const hasSelector = kind === 'text' || kind === 'visible' || kind === 'count';
  const hasExpected = kind === 'text' || kind === 'url' || kind === 'title';
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <StepChoiceField
        index={index}
        field="assert"
        choices={ASSERT_KINDS}
        optionLabel={(option) => t(`assertKinds.${option}`)}
      />
      {hasSelector ? <StepTextField index={index} field="selector" placeholder="h1" mono /> : null}
      {hasExpected ? (
        <>
          <StepTextField index={index} field="expected" hint={<VariablesHint index={index} />} />
          <StepChoiceField
            index={index}
            field="match"
            choices={MATCH_KINDS}
            optionLabel={(option) => t(`matchKinds.${option}`)}
          />
        </>
      ) : null}
      {kind === 'visible' ? <StepCheckField index={index} field="visible" className="sm:pt-5" /> : null}
      {kind === 'count' ? (
        <div className="grid grid-cols-3 gap-3 sm:col-span-2 sm:max-w-96">
          <StepNumberField index={index} field="equals" />
          <StepNumberField index={index} field="min" />
          <StepNumberField index={index} field="max" />
        </div>
      ) : null}
    </div>
  );
}
