'use client';

import { useTranslations } from 'next-intl';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';

/** DESIGN.md, "What it deliberately does not do": shown wherever an account is created. */
export function AcceptableUseText() {
  const t = useTranslations('acceptableUse');
  return (
    <div className="space-y-1.5 text-xs leading-relaxed text-muted-foreground">
      <p>{t('intro')}</p>
      <ul className="list-disc space-y-0.5 pl-4">
        <li>{t('noHiding')}</li>
        <li>{t('noInflation')}</li>
        <li>{t('noOpenProxies')}</li>
      </ul>
      <p>{t('safeguards')}</p>
    </div>
  );
}

/** The notice and its required checkbox, for sign-up and setup. */
export function AcceptableUseField({
  checked,
  onCheckedChange,
  error,
}: {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  error?: string | null;
}) {
  const t = useTranslations('acceptableUse');
  return (
    <fieldset className="grid gap-2 rounded-md border bg-muted/30 p-3">
      <legend className="px-1 text-xs font-medium">{t('title')}</legend>
      <AcceptableUseText />
      <div className="flex items-center gap-2">
        <Checkbox
          id="acceptTerms"
          name="acceptTerms"
          checked={checked}
          onCheckedChange={(value) => onCheckedChange(value === true)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'acceptTerms-error' : undefined}
        />
        <Label htmlFor="acceptTerms" className="text-sm font-normal leading-snug">
          {t('accept')}
        </Label>
      </div>
      {error ? (
        <p id="acceptTerms-error" data-testid="field-error-acceptTerms" className="text-xs text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
