'use client';

import type { ScriptSummary } from '@fleetwright/contracts';
import { FileCode, Plus, Search, Tag, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DebouncedInput } from '@/components/common/debounced-input';
import { ListEmpty, ListFrame } from '@/components/common/list-view/list-frame';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Button } from '@/components/ui/button';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useDeleteScript, useScripts } from '@/lib/api/scripts';
import { hasFilters, PAGE_SIZES, scriptListUrl } from './list-params';
import { NewScriptDialog } from './new-script-dialog';
import { ScriptsTable, ScriptsTableSkeleton } from './scripts-table';

/** The library: search, tag filter, the table, a new script, and deletes behind a confirmation. */
export function ScriptsView() {
  const t = useTranslations('scripts.list');
  const { params, setParams } = useListParams(scriptListUrl);
  const query = useScripts(params);
  const canWrite = useCan('write');
  const remove = useDeleteScript();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ScriptSummary | null>(null);

  const filtered = hasFilters(params);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex w-full flex-wrap items-center gap-2 sm:w-auto">
          <DebouncedInput
            icon={<Search />}
            name="q"
            aria-label={t('search')}
            placeholder={t('searchPlaceholder')}
            className="w-full sm:w-64"
            value={params.q ?? ''}
            onCommit={(q) => setParams({ q: q.trim() || undefined })}
          />
          <DebouncedInput
            icon={<Tag />}
            name="tag"
            aria-label={t('tag')}
            placeholder={t('tagPlaceholder')}
            className="w-full sm:w-36"
            value={params.tag ?? ''}
            onCommit={(tag) => setParams({ tag: tag.trim() || undefined })}
          />
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={() => setParams({ q: undefined, tag: undefined })}>
              <X />
              {t('clearFilters')}
            </Button>
          ) : null}
        </div>
        {canWrite ? (
          <Button size="sm" onClick={() => setCreating(true)} data-testid="new-script">
            <Plus />
            {t('new')}
          </Button>
        ) : null}
      </div>
      <ListFrame
        query={query}
        skeleton={<ScriptsTableSkeleton />}
        loadFailed={t('loadFailed')}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={PAGE_SIZES}
        onPageChange={setParams}
      >
        <ScriptsTable
          items={query.data?.items ?? []}
          canWrite={canWrite}
          onTag={(tag) => setParams({ tag })}
          onDelete={setDeleting}
          empty={
            <ListEmpty
              icon={<FileCode />}
              filtered={filtered}
              noMatch={t('noMatch')}
              title={t('emptyTitle')}
              description={t('emptyDescription')}
              action={
                canWrite ? (
                  <Button size="sm" onClick={() => setCreating(true)}>
                    <Plus />
                    {t('new')}
                  </Button>
                ) : undefined
              }
            />
          }
        />
      </ListFrame>
      <NewScriptDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
          });
        }}
      />
    </div>
  );
}
