'use client';

import { useTranslations } from 'next-intl';
import { useFormContext } from 'react-hook-form';
import { FieldError, useFieldError } from '@/components/forms/form-field';
import { ScriptPicker } from '@/components/scripts/script-picker';
import { Label } from '@/components/ui/label';
import type { JobFormValues } from '../job-form-schema';
import { SCRIPT_SOURCES } from './step-fields';
import { StepChoiceField, StepTextField, stepFieldName, useStepDraft } from './step-inputs';

/**
 * evaluate: a version of a saved script of the library (picked by name, 'latest' or pinned), or
 * inline source; its return value kept under `as`.
 */
export function EvaluateStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  const draft = useStepDraft(index);
  const inline = draft?.scriptFrom === 'inline';
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <StepChoiceField
        index={index}
        field="scriptFrom"
        choices={SCRIPT_SOURCES}
        optionLabel={(source) => t(`scriptFrom.${source}`)}
      />
      <StepTextField index={index} field="as" placeholder="result" mono hint={t('evaluateAsHint')} />
      {inline ? (
        <StepTextField
          index={index}
          field="source"
          rows={4}
          mono
          placeholder="return document.title;"
          hint={t('sourceHint')}
          className="sm:col-span-2"
        />
      ) : (
        <SavedScriptField
          index={index}
          scriptId={String(draft?.scriptId ?? '')}
          version={String(draft?.version ?? '')}
        />
      )}
    </div>
  );
}

function SavedScriptField({
  index,
  scriptId,
  version,
}: {
  index: number;
  scriptId: string;
  version: string;
}) {
  const t = useTranslations('jobs.form.steps.fields');
  const { setValue } = useFormContext<JobFormValues>();
  const name = stepFieldName(index, 'scriptId');
  const error = useFieldError(name);
  return (
    <div className="grid min-w-0 gap-1 sm:col-span-2">
      <Label htmlFor={name} className="text-xs">
        {t('scriptId')}
      </Label>
      <ScriptPicker
        id={name}
        scriptId={scriptId}
        version={version === '' ? null : Number(version)}
        invalid={Boolean(error)}
        onChange={(choice) => {
          const options = { shouldDirty: true, shouldValidate: Boolean(error) };
          setValue(name, choice.scriptId as never, options);
          setValue(
            stepFieldName(index, 'version'),
            (choice.version === null ? '' : String(choice.version)) as never,
            options,
          );
        }}
      />
      <FieldError name={name} />
      <FieldError name={stepFieldName(index, 'version')} />
    </div>
  );
}
