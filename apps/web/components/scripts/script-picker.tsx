'use client';

import type { ScriptSummary } from '@fleetwright/contracts';
import { Check, FileCode, Search } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { DebouncedInput } from '@/components/common/debounced-input';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { useScript, useScripts } from '@/lib/api/scripts';
import { cn } from '@/lib/utils';

/** How many matches the picker lists: enough to choose from, few enough to scan; search narrows. */
const PICKER_PAGE_SIZE = 8;

/**
 * Picks a saved script of the organization by name, then "latest" (whatever version is newest at
 * each run) or one pinned version. Used by the job form and the new-session form, which keep the
 * choice as `scriptId` and `version` (null = latest).
 */
export function ScriptPicker({
  id,
  scriptId,
  version,
  onChange,
  invalid = false,
}: {
  /** The search input's id (a label points at it); the version select is `${id}-version`. */
  id: string;
  scriptId: string;
  version: number | null;
  onChange: (choice: { scriptId: string; version: number | null }) => void;
  invalid?: boolean;
}) {
  const t = useTranslations('scripts.picker');
  const [query, setQuery] = useState('');
  const matches = useScripts({ page: 1, pageSize: PICKER_PAGE_SIZE, q: query.trim() || undefined });
  // The chosen script may not be among the matches (an edited job, another search): asked apart.
  const chosen = useScript(scriptId, { enabled: scriptId !== '' });
  const latest = chosen.data?.latestVersion;

  return (
    <div className="grid min-w-0 gap-2" data-testid={`${id}-picker`}>
      <DebouncedInput
        id={id}
        type="search"
        value={query}
        onCommit={setQuery}
        icon={<Search />}
        placeholder={t('search')}
        aria-label={t('search')}
        aria-invalid={invalid ? true : undefined}
      />
      {matches.isPending ? (
        <Skeleton className="h-16" />
      ) : (matches.data?.items.length ?? 0) === 0 ? (
        <p className="text-xs text-muted-foreground">
          {query.trim() ? t('noMatch') : t('noScripts')}{' '}
          <Link href="/scripts" className="underline underline-offset-2">
            {t('library')}
          </Link>
        </p>
      ) : (
        <ul className="grid max-h-56 gap-1 overflow-y-auto rounded-md border p-1" aria-label={t('matches')}>
          {matches.data?.items.map((script) => (
            <li key={script.id}>
              <ScriptOption
                script={script}
                selected={script.id === scriptId}
                onSelect={() => onChange({ scriptId: script.id, version: null })}
              />
            </li>
          ))}
        </ul>
      )}
      {scriptId ? (
        <div className="grid gap-1.5 rounded-md border bg-muted/30 p-2 sm:grid-cols-[1fr_auto] sm:items-center">
          <p className="min-w-0 text-xs" data-testid={`${id}-chosen`}>
            {chosen.data ? (
              <>
                <Link
                  href={`/scripts/${scriptId}`}
                  className="font-medium break-all underline-offset-2 hover:underline"
                >
                  {chosen.data.name}
                </Link>{' '}
                <span className="text-muted-foreground">
                  {t('latestIs', { version: chosen.data.latestVersion })}
                </span>
              </>
            ) : chosen.isError ? (
              <span className="text-destructive">{t('missing')}</span>
            ) : (
              <span className="font-mono break-all text-muted-foreground">{scriptId}</span>
            )}
          </p>
          <NativeSelect
            id={`${id}-version`}
            aria-label={t('version')}
            className="sm:w-44"
            value={version === null ? '' : String(version)}
            onChange={(event) =>
              onChange({ scriptId, version: event.target.value === '' ? null : Number(event.target.value) })
            }
          >
            <option value="">{t('latest')}</option>
            {/* A pinned version the script no longer lists (or not loaded yet) stays selectable. */}
            {version !== null && (latest === undefined || version > latest) ? (
              <option value={String(version)}>{t('pinned', { version })}</option>
            ) : null}
            {Array.from({ length: latest ?? 0 }, (_, index) => (latest ?? 0) - index).map((number) => (
              <option key={number} value={String(number)}>
                {t('pinned', { version: number })}
              </option>
            ))}
          </NativeSelect>
        </div>
      ) : null}
    </div>
  );
}

function ScriptOption({
  script,
  selected,
  onSelect,
}: {
  script: ScriptSummary;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useTranslations('scripts.picker');
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={selected}
      data-testid="script-option"
      data-name={script.name}
      className={cn(
        'flex w-full min-w-0 items-center gap-2 rounded px-2 py-1.5 text-left text-xs transition-colors hover:bg-muted',
        selected && 'bg-muted font-medium',
      )}
    >
      {selected ? (
        <Check className="size-3.5 shrink-0" />
      ) : (
        <FileCode className="size-3.5 shrink-0 text-muted-foreground" />
      )}
      <span className="min-w-0 flex-1 truncate">{script.name}</span>
      <span className="shrink-0 text-muted-foreground">
        {t('versionShort', { version: script.latestVersion })}
      </span>
    </button>
  );
}
