'use client';

import { proxyProtocols, proxyStatuses } from '@fleetwright/contracts';
import { Globe, Search, Tag, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { DebouncedInput } from '@/components/common/debounced-input';
import { Button } from '@/components/ui/button';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { ProxyListParams } from '@/lib/api/query-keys';
import { hasFilters, type ListParamsPatch, NO_FILTERS } from './list-params';
import { useProxyStatusLabel } from './proxy-status-badge';

const ALL = 'all';

export function ProxiesFilters({
  params,
  onChange,
}: {
  params: ProxyListParams;
  onChange: (patch: ListParamsPatch) => void;
}) {
  const t = useTranslations('proxies.filters');
  const statusLabel = useProxyStatusLabel();
  return (
    <div className="flex w-full flex-wrap items-center gap-2 lg:w-auto">
      <DebouncedInput
        icon={<Search />}
        name="search"
        aria-label={t('search')}
        placeholder={t('searchPlaceholder')}
        className="w-full sm:w-56"
        value={params.search ?? ''}
        onCommit={(search) => onChange({ search: search || undefined })}
      />
      <DebouncedInput
        icon={<Tag />}
        name="tag"
        aria-label={t('tag')}
        placeholder={t('tagPlaceholder')}
        className="w-[calc(50%-0.25rem)] sm:w-32"
        value={params.tag ?? ''}
        onCommit={(tag) => onChange({ tag: tag || undefined })}
      />
      <DebouncedInput
        icon={<Globe />}
        name="country"
        aria-label={t('country')}
        placeholder={t('countryPlaceholder')}
        maxLength={2}
        className="w-[calc(50%-0.25rem)] sm:w-28"
        value={params.country ?? ''}
        onCommit={(country) => {
          const code = country.trim().toUpperCase();
          onChange({ country: /^[A-Z]{2}$/.test(code) ? code : undefined });
        }}
      />
      <Select
        value={params.status ?? ALL}
        onValueChange={(value) => onChange({ status: value === ALL ? undefined : value })}
      >
        <SelectTrigger
          aria-label={t('status')}
          data-testid="proxy-status-filter"
          className="w-[calc(50%-0.25rem)] sm:w-36"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('allStatuses')}</SelectItem>
          {proxyStatuses.map((status) => (
            <SelectItem key={status} value={status}>
              {statusLabel(status)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={params.protocol ?? ALL}
        onValueChange={(value) => onChange({ protocol: value === ALL ? undefined : value })}
      >
        <SelectTrigger
          aria-label={t('protocol')}
          data-testid="proxy-protocol-filter"
          className="w-[calc(50%-0.25rem)] sm:w-32"
        >
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{t('allProtocols')}</SelectItem>
          {proxyProtocols.map((protocol) => (
            <SelectItem key={protocol} value={protocol}>
              {protocol.toUpperCase()}
            </SelectItem>
          ))}
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
