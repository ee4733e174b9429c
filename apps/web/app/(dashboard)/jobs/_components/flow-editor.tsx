'use client';

import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { FieldError, useFieldError } from '@/components/forms/form-field';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { checkFlowText, type FlowFormat, parseFlowText, stringifyFlow } from './flow-text';
import { FLOW_VIEWS, type FlowView, type JobFormValues } from './job-form-schema';
import { StepEditor } from './step-editor/step-editor';
import { draftsToText, type TextToDraftsResult, textToDrafts } from './step-editor/step-text';

type SwitchRefusal = Extract<TextToDraftsResult, { ok: false }>;

/**
 * The flow, as step cards (the default) or as JSON or YAML text. Switching converts what is there:
 * steps are written as text; text becomes steps only when it parses and the cards can hold all of
 * it, otherwise the text stays as typed and the reason is shown (with its YAML line).
 */
export function FlowEditor() {
  const t = useTranslations('jobs.form.flow');
  const { getValues, setValue, clearErrors } = useFormContext<JobFormValues>();
  const view = useWatch<JobFormValues, 'flowFormat'>({ name: 'flowFormat' });
  const [refusal, setRefusal] = useState<SwitchRefusal | null>(null);

  const switchView = (next: FlowView) => {
    if (next === view) return;
    const dirty = { shouldDirty: true };
    if (next === 'steps') {
      const result = textToDrafts(getValues('flowText'), view as FlowFormat);
      if (!result.ok) {
        setRefusal(result);
        return;
      }
      setValue('flowSteps', result.drafts, dirty);
      clearErrors('flowText');
    } else if (view === 'steps') {
      setValue('flowText', draftsToText(getValues('flowSteps'), next), dirty);
      clearErrors('flowSteps');
    } else {
      // JSON ⇄ YAML rewrites the text when it parses; a broken text is kept as typed.
      const parsed = parseFlowText(getValues('flowText'), view);
      if (parsed.ok) setValue('flowText', stringifyFlow(parsed.value, next), dirty);
    }
    setRefusal(null);
    setValue('flowFormat', next, dirty);
  };

  return (
    <div className="grid min-w-0 gap-1.5" data-testid="flow-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Label className="text-xs">{t('label')}</Label>
        <fieldset className="flex gap-1" aria-label={t('format')}>
          {FLOW_VIEWS.map((option) => (
            <Button
              key={option}
              type="button"
              size="sm"
              variant={view === option ? 'secondary' : 'ghost'}
              aria-pressed={view === option}
              data-testid={`flow-format-${option}`}
              onClick={() => switchView(option)}
            >
              {t(`views.${option}`)}
            </Button>
          ))}
        </fieldset>
      </div>
      {refusal ? (
        <p
          role="alert"
          data-testid="flow-switch-error"
          className="rounded-md border border-destructive/30 bg-destructive/5 p-2 text-xs text-destructive"
        >
          {refusal.line !== undefined
            ? t('switchRefusedLine', { line: refusal.line, message: refusal.message })
            : t('switchRefused', { message: refusal.message })}
        </p>
      ) : null}
      {view === 'steps' ? <StepEditor /> : <FlowText format={view} />}
    </div>
  );
}

/**
 * The flow as JSON or YAML in Monaco, checked as it is typed with the API's flowSchema: every
 * problem is listed by its step (1-based, with the API's 0-based path beside it).
 */
function FlowText({ format }: { format: FlowFormat }) {
  const t = useTranslations('jobs.form.flow');
  const { control } = useFormContext<JobFormValues>();
  const text = useWatch<JobFormValues, 'flowText'>({ name: 'flowText' });
  const error = useFieldError('flowText');
  const issues = useMemo(() => checkFlowText(text, format).issues, [text, format]);

  return (
    <>
      <Controller
        control={control}
        name="flowText"
        render={({ field }) => (
          <CodeEditor
            testId="flow-text"
            ariaLabel={t('label')}
            language={format}
            height={300}
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            invalid={Boolean(error) || issues.length > 0}
          />
        )}
      />
      <p className="text-xs text-muted-foreground">{t('hint')}</p>
      {issues.length > 0 ? (
        <ul
          data-testid="flow-issues"
          className="grid gap-1 rounded-md border border-destructive/30 bg-destructive/5 p-2 text-xs"
        >
          {issues.slice(0, 20).map((issue, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: issues have no identity beyond their order.
              key={index}
              data-step={issue.step ?? undefined}
              className="text-destructive"
            >
              <span className="font-medium">
                {issue.step !== null
                  ? t('issueStep', { step: issue.step + 1 })
                  : issue.line !== undefined
                    ? t('issueLine', { line: issue.line })
                    : t('issueFlow')}
              </span>{' '}
              {issue.step !== null ? (
                <code className="font-mono">{`steps.${issue.step}${issue.field ? `.${issue.field}` : ''}`}</code>
              ) : issue.field ? (
                <code className="font-mono">{issue.field}</code>
              ) : null}
              {': '}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : (
        <FieldError name="flowText" />
      )}
    </>
  );
}
