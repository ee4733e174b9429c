'use client';

import { type AuditAction, auditActions } from '@fleetwright/contracts';
import { Search, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';

/** What the filter row holds; the dates are the `<input type="date">` values (YYYY-MM-DD, local). */
export interface AuditLogFilterValues {
  action?: AuditAction;
  actor: string;
  since: string;
  until: string;
}

export const NO_FILTERS: AuditLogFilterValues = { actor: '', since: '', until: '' };

export function AuditLogFilters({
  values,
  onChange,
}: {
  values: AuditLogFilterValues;
  onChange: (patch: Partial<AuditLogFilterValues>) => void;
}) {
  const t = useTranslations('auditLog.filters');
  const hasFilters = Boolean(values.action || values.actor || values.since || values.until);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        name="action"
        aria-label={t('action')}
        className="w-full sm:w-60"
        value={values.action ?? ''}
        onChange={(event) =>
          onChange({ action: (event.target.value || undefined) as AuditAction | undefined })
        }
      >
        <option value="">{t('allActions')}</option>
        {auditActions.map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </NativeSelect>
      <div className="relative w-full sm:w-60">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted-foreground" />
        <Input
          name="actor"
          aria-label={t('actor')}
          placeholder={t('actorPlaceholder')}
          className="pl-8"
          value={values.actor}
          onChange={(event) => onChange({ actor: event.target.value })}
        />
      </div>
      <div className="flex items-center gap-1.5">
        <Label htmlFor="audit-since" className="text-xs font-normal text-muted-foreground">
          {t('from')}
        </Label>
        <Input
          id="audit-since"
          type="date"
          name="since"
          className="w-36"
          value={values.since}
          max={values.until || undefined}
          onChange={(event) => onChange({ since: event.target.value })}
        />
      </div>
      <div className="flex items-center gap-1.5">
        <Label htmlFor="audit-until" className="text-xs font-normal text-muted-foreground">
          {t('to')}
        </Label>
        <Input
          id="audit-until"
          type="date"
          name="until"
          className="w-36"
          value={values.until}
          min={values.since || undefined}
          onChange={(event) => onChange({ until: event.target.value })}
        />
      </div>
      {hasFilters ? (
        <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTERS)}>
          <X />
          {t('clear')}
        </Button>
      ) : null}
    </div>
  );
}
