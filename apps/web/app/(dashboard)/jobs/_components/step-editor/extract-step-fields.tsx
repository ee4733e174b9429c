'use client';

import { Plus, Trash } from 'lucide-react';
import { useTranslations } from 'next-intl';
import {
  type FieldArrayPath,
  type UseFieldArrayReturn,
  useFieldArray,
  useFormContext,
} from 'react-hook-form';
import { FieldError } from '@/components/forms/form-field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { JobFormValues } from '../job-form-schema';
import type { ExtractFieldDraft } from './step-drafts';
import { StepCheckField, StepTextField, stepFieldName } from './step-inputs';

/**
 * extract: the text (or an attribute) of the first match, or of every match; with named fields,
 * an object per match whose fields are read inside it.
 */
export function ExtractStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  return (
    <div className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <StepTextField index={index} field="as" placeholder="heading" mono hint={t('extractAsHint')} />
        <StepTextField index={index} field="selector" placeholder="h1, .product" mono />
        <StepTextField index={index} field="attribute" placeholder="href" mono hint={t('attributeHint')} />
        <StepCheckField index={index} field="list" className="sm:pt-5" />
      </div>
      <ExtractFieldRows index={index} />
    </div>
  );
}

function ExtractFieldRows({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps.extractFields');
  const { control, register } = useFormContext<JobFormValues>();
  // The drafts' fields are typed loosely (a record per step), so the rows' path is cast.
  const rows = useFieldArray({
    control,
    name: `flowSteps.${index}.fields` as FieldArrayPath<JobFormValues>,
  }) as unknown as UseFieldArrayReturn<{ rows: ExtractFieldDraft[] }, 'rows'>;
  return (
    <fieldset className="grid gap-1.5" data-testid="extract-fields">
      <legend className="mb-1 text-xs font-medium">{t('title')}</legend>
      <p className="text-xs text-muted-foreground">{t('hint')}</p>
      {rows.fields.map((row, position) => {
        const name = (column: string) => stepFieldName(index, `fields.${position}.${column}`);
        const number = position + 1;
        return (
          <div key={row.id} className="grid gap-1">
            <div className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[1fr_1.5fr_1fr_auto]">
              <Input
                id={name('name')}
                aria-label={t('name', { number })}
                placeholder="title"
                className="font-mono text-xs"
                autoComplete="off"
                {...register(name('name'))}
              />
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={t('remove', { number })}
                onClick={() => rows.remove(position)}
                className="sm:order-last"
              >
                <Trash />
              </Button>
              <Input
                id={name('selector')}
                aria-label={t('selector', { number })}
                placeholder="td.title"
                className="font-mono text-xs"
                autoComplete="off"
                {...register(name('selector'))}
              />
              <Input
                id={name('attribute')}
                aria-label={t('attribute', { number })}
                placeholder="href"
                className="font-mono text-xs"
                autoComplete="off"
                {...register(name('attribute'))}
              />
            </div>
            <FieldError name={name('name')} />
            <FieldError name={name('selector')} />
            <FieldError name={name('attribute')} />
          </div>
        );
      })}
      <FieldError name={stepFieldName(index, 'fields')} />
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => rows.append({ name: '', selector: '', attribute: '' })}
        >
          <Plus />
          {t('add')}
        </Button>
      </div>
    </fieldset>
  );
}
