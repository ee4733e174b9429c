'use client';

import { jobKinds } from '@fleetwright/contracts';
import { Search, Tag, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { DebouncedInput } from '@/components/common/debounced-input';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { JobListParams } from '@/lib/api/query-keys';
import { hasFilters, type JobListPatch, NO_FILTERS } from './list-params';

const ALL = 'all';

export function JobsFilters({
  params,
  onChange,
}: {
  params: JobListParams;
  onChange: (patch: JobListPatch) => void;
}) {
  const t = useTranslations('jobs.filters');
  const kinds = useTranslations('jobs.kinds');
  const paused = params.paused === undefined ? ALL : params.paused ? 'paused' : 'active';
  return (
    <div className="flex w-full flex-wrap items-center gap-2 lg:w-auto">
      <DebouncedInput
        icon={<Search />}
        name="q"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        className="w-full sm:w-56"
        value={params.q ?? ''}
        onCommit={(q) => onChange({ q: q || undefined })}
      />
      <DebouncedInput
        icon={<Tag />}
        name="tag"
        aria-label={t('tag')}
        placeholder={t('tagPlaceholder')}
        className="w-full sm:w-32"
        value={params.tag ?? ''}
        onCommit={(tag) => onChange({ tag: tag || undefined })}
      />
      <Select
        value={params.kind ?? ALL}
        onValueChange={(value) => onChange({ kind: value === ALL ? undefined : value })}
      >
        <SelectTrigger
          aria-label={t('kind')}
          data-testid="job-kind-filter"
          className="w-[calc(50%-0.25rem)] sm:w-32"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('allKinds')}</SelectItem>
          {jobKinds.map((kind) => (
            <SelectItem key={kind} value={kind}>
              {kinds(kind)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={paused}
        onValueChange={(value) =>
          onChange({ paused: value === ALL ? undefined : String(value === 'paused') })
        }
      >
        <SelectTrigger
          aria-label={t('state')}
          data-testid="job-paused-filter"
          className="w-[calc(50%-0.25rem)] sm:w-32"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('allStates')}</SelectItem>
          <SelectItem value="active">{t('active')}</SelectItem>
          <SelectItem value="paused">{t('paused')}</SelectItem>
        </SelectContent>
      </Select>
      {hasFilters(params) ? (
        <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTERS)}>
          <X />
          {t('clear')}
        </Button>
      ) : null}
    </div>
  );
}
