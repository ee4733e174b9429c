'use client';

import type { ScriptSummary } from '@fleetwright/contracts';
import { FileCode, Plus, Search, Tag, X } from 'lucide-react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { DebouncedInput } from '@/components/common/debounced-input';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useDeleteScript, useScripts } from '@/lib/api/scripts';
import { cn } from '@/lib/utils';
import { hasFilters, type ListParamsPatch, PAGE_SIZES, parseListParams, patchListQuery } from './list-params';
import { NewScriptDialog } from './new-script-dialog';
import { ScriptsTable, ScriptsTableSkeleton } from './scripts-table';

/** The library: search, tag filter, the table, a new script, and deletes behind a confirmation. */
export function ScriptsView() {
  const t = useTranslations('scripts.list');
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = parseListParams(searchParams);
  const query = useScripts(params);
  const canWrite = useCan('write');
  const remove = useDeleteScript();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ScriptSummary | null>(null);

  const setParams = (patch: ListParamsPatch) => {
    // Read the live URL, not this render's copy: debounced inputs commit after other changes.
    const next = patchListQuery(window.location.search, patch);
    router.replace(next ? `${pathname}?${next}` : pathname, { scroll: false });
  };
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
      <Card className={cn('overflow-hidden transition-opacity', query.isPlaceholderData && 'opacity-70')}>
        {query.isPending ? (
          <ScriptsTableSkeleton />
        ) : query.isError && !query.data ? (
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <ScriptsTable
              items={query.data?.items ?? []}
              canWrite={canWrite}
              onTag={(tag) => setParams({ tag })}
              onDelete={setDeleting}
              empty={
                <EmptyState
                  icon={<FileCode />}
                  title={filtered ? t('noMatch') : t('emptyTitle')}
                  description={filtered ? undefined : t('emptyDescription')}
                  action={
                    !filtered && canWrite ? (
                      <Button size="sm" onClick={() => setCreating(true)}>
                        <Plus />
                        {t('new')}
                      </Button>
                    ) : undefined
                  }
                />
              }
            />
            {(query.data?.total ?? 0) > 0 ? (
              <div className="border-t">
                <Pagination
                  page={params.page}
                  pageSize={params.pageSize}
                  pageSizes={PAGE_SIZES}
                  total={query.data?.total ?? 0}
                  onPageChange={(page) => setParams({ page })}
                  onPageSizeChange={(pageSize) => setParams({ pageSize })}
                />
              </div>
            ) : null}
          </>
        )}
      </Card>
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
