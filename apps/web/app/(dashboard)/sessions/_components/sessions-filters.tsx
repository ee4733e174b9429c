'use client';

import { sessionStatuses } from '@fleetwright/contracts';
import { Search, Tag, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { DebouncedInput } from '@/components/common/debounced-input';
import { useStatusLabel } from '@/components/sessions/status-badge';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { SessionListParams } from '@/lib/api/query-keys';
import type { ListParamsPatch } from './list-params';

const ALL = 'all';

export function SessionsFilters({
  params,
  onChange,
}: {
  params: SessionListParams;
  onChange: (patch: ListParamsPatch) => void;
}) {
  const t = useTranslations('sessions.filters');
  const statusLabel = useStatusLabel();
  const hasFilters = Boolean(params.status || params.tag || params.search);
  return (
    <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
      <DebouncedInput
        icon={<Search />}
        name="search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        className="w-full sm:w-64"
        value={params.search ?? ''}
        onCommit={(search) => onChange({ search: search || undefined })}
      />
      <DebouncedInput
        icon={<Tag />}
        name="tag"
        aria-label={t('tag')}
        placeholder={t('tagPlaceholder')}
        className="w-[calc(50%-0.25rem)] sm:w-40"
        value={params.tag ?? ''}
        onCommit={(tag) => onChange({ tag: tag || undefined })}
      />
      <Select
        value={params.status ?? ALL}
        onValueChange={(value) => onChange({ status: value === ALL ? undefined : value })}
      >
        <SelectTrigger
          aria-label={t('status')}
          data-testid="status-filter"
          className="w-[calc(50%-0.25rem)] sm:w-40"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('allStatuses')}</SelectItem>
          {sessionStatuses.map((status) => (
            <SelectItem key={status} value={status}>
              {statusLabel(status)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {hasFilters ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange({ status: undefined, tag: undefined, search: undefined })}
        >
          <X />
          {t('clear')}
        </Button>
      ) : null}
    </div>
  );
}
