'use client';

import { sessionStatuses } from '@fleetwright/contracts';
import { Search, Tag, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { type ComponentProps, useEffect, useRef, useState } from 'react';
import { useStatusLabel } from '@/components/sessions/status-badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import type { SessionListParams } from '@/lib/api/query-keys';
import { cn } from '@/lib/utils';
import type { ListParamsPatch } from './list-params';

const ALL = 'all';
/** Typing pauses this long before the URL (and the query) changes. */
const TYPING_DELAY_MS = 300;

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

/** Shows keystrokes at once but commits them after a pause (or on Enter). */
function DebouncedInput({
  value,
  onCommit,
  icon,
  className,
  ...props
}: Omit<ComponentProps<'input'>, 'value' | 'onChange'> & {
  value: string;
  onCommit: (value: string) => void;
  icon?: React.ReactNode;
}) {
  const [draft, setDraft] = useState(value);
  const [committed, setCommitted] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onCommitRef = useRef(onCommit);
  useEffect(() => {
    onCommitRef.current = onCommit;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // The URL changed under us (back button, "Clear", a tag clicked in the table): follow it.
  if (value !== committed) {
    setCommitted(value);
    setDraft(value);
  }

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setCommitted(next);
    onCommitRef.current(next);
  };

  return (
    <div className={cn('relative', className)}>
      {icon ? (
        <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted-foreground [&_svg]:size-3.5">
          {icon}
        </span>
      ) : null}
      <Input
        {...props}
        className={cn(icon && 'pl-8')}
        value={draft}
        onChange={(event) => {
          const next = event.target.value;
          setDraft(next);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), TYPING_DELAY_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
      />
    </div>
  );
}
