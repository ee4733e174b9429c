'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { FieldError, useFieldError } from '@/components/forms/form-field';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { checkFlowText, type FlowFormat, parseFlowText, stringifyFlow } from './flow-text';
import type { JobFormValues } from './job-form-schema';

const FORMATS: FlowFormat[] = ['json', 'yaml'];

/**
 * The flow as JSON or YAML in Monaco, checked as it is typed with the API's flowSchema: every
 * problem is listed by its step (1-based, with the API's 0-based path beside it).
 */
export function FlowEditor() {
  const t = useTranslations('jobs.form.flow');
  const { control, getValues, setValue } = useFormContext<JobFormValues>();
  const text = useWatch<JobFormValues, 'flowText'>({ name: 'flowText' });
  const format = useWatch<JobFormValues, 'flowFormat'>({ name: 'flowFormat' });
  const error = useFieldError('flowText');
  const issues = useMemo(() => checkFlowText(text, format).issues, [text, format]);

  // Switching the format rewrites the text when it parses; a broken text is kept as typed.
  const switchFormat = (next: FlowFormat) => {
    if (next === format) return;
    const parsed = parseFlowText(getValues('flowText'), format);
    if (parsed.ok) setValue('flowText', stringifyFlow(parsed.value, next), { shouldDirty: true });
    setValue('flowFormat', next, { shouldDirty: true });
  };

  return (
    <div className="grid min-w-0 gap-1.5" data-testid="flow-editor">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Label className="text-xs">{t('label')}</Label>
        <fieldset className="flex gap-1" aria-label={t('format')}>
          {FORMATS.map((option) => (
            <Button
              key={option}
              type="button"
              size="sm"
              variant={format === option ? 'secondary' : 'ghost'}
              aria-pressed={format === option}
              data-testid={`flow-format-${option}`}
              onClick={() => switchFormat(option)}
            >
              {option.toUpperCase()}
            </Button>
          ))}
        </fieldset>
      </div>
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
    </div>
  );
}
