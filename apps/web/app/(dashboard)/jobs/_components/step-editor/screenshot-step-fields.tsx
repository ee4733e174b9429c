'use client';

import { useTranslations } from 'next-intl';
import { StepCheckField, StepTextField } from './step-inputs';

/** screenshot: the page (or its full length), or one element; kept as an artifact named `as`. */
export function ScreenshotStepFields({ index }: { index: number }) {
  const t = useTranslations('jobs.form.steps');
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <StepTextField index={index} field="as" placeholder="page" mono hint={t('screenshotAsHint')} />
      <StepTextField index={index} field="selector" label="element" mono hint={t('screenshotElementHint')} />
      <StepCheckField index={index} field="fullPage" className="sm:pt-5" />
    </div>
  );
}
