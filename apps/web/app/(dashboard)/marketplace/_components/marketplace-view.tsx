'use client';

import type { ScriptSummary } from '@fleetwright/contracts';
import { Download, Search, Store, Tag, X } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { DebouncedInput } from '@/components/common/debounced-input';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { useListParams } from '@/components/common/list-view/use-list-params';
import { Pagination } from '@/components/common/pagination';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { useMarketplaceScripts } from '@/lib/api/marketplace';
import { useFormat } from '@/lib/hooks/use-format';
import { cn } from '@/lib/utils';
import { MARKETPLACE_SORTS, marketplaceListUrl, PAGE_SIZES } from './list-params';
import { RatingStars } from './stars';

/** Public scripts of every organization: search, tag, sort, and a card each. */
export function MarketplaceView() {
  const t = useTranslations('marketplace.list');
  const { params, setParams } = useListParams(marketplaceListUrl);
  const query = useMarketplaceScripts(params);
  const filtered = params.q !== undefined || params.tag !== undefined;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
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
          placeholder={t('tag')}
          className="w-[calc(50%-0.25rem)] sm:w-36"
          value={params.tag ?? ''}
          onCommit={(tag) => setParams({ tag: tag.trim() || undefined })}
        />
        <Select value={params.sort} onValueChange={(sort) => setParams({ sort })}>
          <SelectTrigger
            aria-label={t('sort')}
            data-testid="marketplace-sort"
            className="w-[calc(50%-0.25rem)] sm:w-44"
          >
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {MARKETPLACE_SORTS.map((sort) => (
              <SelectItem key={sort} value={sort}>
                {t(`sorts.${sort}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {filtered ? (
          <Button variant="ghost" size="sm" onClick={() => setParams({ q: undefined, tag: undefined })}>
            <X />
            {t('clearFilters')}
          </Button>
        ) : null}
      </div>
      {query.isPending ? (
        <CardsSkeleton />
      ) : query.isError && !query.data ? (
        <Card>
          <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
        </Card>
      ) : query.data.items.length === 0 ? (
        <Card>
          <EmptyState
            icon={<Store />}
            title={filtered ? t('noMatch') : t('emptyTitle')}
            description={filtered ? undefined : t('emptyDescription')}
          />
        </Card>
      ) : (
        <div className={cn('space-y-3 transition-opacity', query.isPlaceholderData && 'opacity-70')}>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="marketplace-scripts">
            {query.data.items.map((script) => (
              <ScriptCard key={script.id} script={script} onTag={(tag) => setParams({ tag })} />
            ))}
          </ul>
          <Card>
            <Pagination
              page={params.page}
              pageSize={params.pageSize}
              pageSizes={PAGE_SIZES}
              total={query.data.total}
              onPageChange={(page) => setParams({ page })}
              onPageSizeChange={(pageSize) => setParams({ pageSize })}
            />
          </Card>
        </div>
      )}
    </div>
  );
}

function ScriptCard({ script, onTag }: { script: ScriptSummary; onTag: (tag: string) => void }) {
  const t = useTranslations('marketplace.list');
  const format = useFormat();
  return (
    <li data-testid={`marketplace-script-${script.id}`} data-name={script.name}>
      <Card className="flex h-full flex-col gap-2 p-3">
        <Link href={`/marketplace/${script.id}`} className="truncate font-medium hover:underline">
          {script.name}
        </Link>
        <p className="line-clamp-2 min-h-8 text-xs text-muted-foreground">{script.description || '—'}</p>
        <div className="flex flex-wrap gap-1">
          {script.tags.map((tag) => (
            <button
              key={tag}
              type="button"
              onClick={() => onTag(tag)}
              className="rounded border bg-muted/50 px-1.5 py-0.5 text-xs text-muted-foreground hover:text-foreground"
            >
              {tag}
            </button>
          ))}
        </div>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-1">
          <RatingStars average={script.rating.average} count={script.rating.count} />
          <span
            className="inline-flex items-center gap-1 text-xs text-muted-foreground"
            data-testid="downloads"
          >
            <Download className="size-3.5" />
            {t('downloads', { count: script.downloads, formatted: format.number(script.downloads) })}
          </span>
        </div>
      </Card>
    </li>
  );
}

export function CardsSkeleton() {
  return (
    <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: 6 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cards have no identity.
        <Skeleton key={index} className="h-36 w-full" />
      ))}
    </div>
  );
}
