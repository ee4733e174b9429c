'use client';

import type { MarketplaceScript as MarketplaceScriptData } from '@fleetwright/contracts';
import { ArrowLeft, Download, GitFork, LoaderCircle, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { CodeEditor } from '@/components/code-editor/code-editor';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useCan } from '@/lib/api/accounts';
import { errorMessage, isApiError } from '@/lib/api/client';
import { useForkScript, useMarketplaceScript, useRateScript } from '@/lib/api/marketplace';
import { useFormat } from '@/lib/hooks/use-format';
import { RateStars, RatingStars } from '../../_components/stars';

function BackLink() {
  const t = useTranslations('marketplace.list');
  return (
    <Link
      href="/marketplace"
      className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft className="size-3.5" />
      {t('title')}
    </Link>
  );
}

export function MarketplaceScript({ id }: { id: string }) {
  const t = useTranslations('marketplace.script');
  const query = useMarketplaceScript(id);
  if (query.isPending) return <MarketplaceScriptSkeleton />;
  if (query.isError) {
    return (
      <div className="space-y-4">
        <BackLink />
        <Card>
          {isApiError(query.error) && query.error.status === 404 ? (
            <EmptyState icon={<SearchX />} title={t('notFound')} />
          ) : (
            <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
          )}
        </Card>
      </div>
    );
  }
  return <MarketplaceScriptView script={query.data} />;
}

function MarketplaceScriptView({ script }: { script: MarketplaceScriptData }) {
  const t = useTranslations('marketplace.script');
  const tList = useTranslations('marketplace.list');
  const router = useRouter();
  const canWrite = useCan('write');
  const format = useFormat();
  const fork = useForkScript();
  const rate = useRateScript(script.id);

  return (
    <div className="space-y-4" data-testid="marketplace-script">
      <BackLink />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <h1
            className="min-w-0 truncate text-lg font-semibold tracking-tight"
            data-testid="marketplace-script-name"
          >
            {script.name}
          </h1>
          {script.description ? <p className="text-sm text-muted-foreground">{script.description}</p> : null}
          <div className="flex flex-wrap items-center gap-3 text-xs text-muted-foreground">
            <RatingStars average={script.rating.average} count={script.rating.count} />
            <span className="inline-flex items-center gap-1" data-testid="downloads">
              <Download className="size-3.5" />
              {tList('downloads', { count: script.downloads, formatted: format.number(script.downloads) })}
            </span>
            <span className="font-mono">v{script.latestVersion}</span>
            {script.publishedAt ? (
              <span>{t('published', { date: format.date(script.publishedAt) })}</span>
            ) : null}
            {script.tags.map((tag) => (
              <Link
                key={tag}
                href={`/marketplace?tag=${encodeURIComponent(tag)}`}
                className="rounded border bg-muted/50 px-1.5 py-0.5 hover:text-foreground"
              >
                {tag}
              </Link>
            ))}
          </div>
          {script.libraries.length > 0 ? (
            <p className="text-xs text-muted-foreground">
              {t('libraries', { names: script.libraries.join(', ') })}
            </p>
          ) : null}
        </div>
        {canWrite ? (
          <Button
            size="sm"
            data-testid="fork-script"
            disabled={fork.isPending}
            onClick={() =>
              fork.mutate(script.id, {
                onSuccess: (copy) => {
                  toast.success(t('forked', { name: copy.name }));
                  router.push(`/scripts/${copy.id}`);
                },
                onError: (error) => toast.error(t('forkFailed'), { description: errorMessage(error) }),
              })
            }
          >
            {fork.isPending ? <LoaderCircle className="animate-spin" /> : <GitFork />}
            {t('fork')}
          </Button>
        ) : null}
      </div>
      {canWrite ? (
        <Card className="flex flex-wrap items-center gap-3 p-3 text-sm">
          <span className="font-medium">{t('rateIt')}</span>
          <RateStars
            value={script.myRating}
            disabled={rate.isPending}
            onRate={(stars) =>
              rate.mutate(stars, {
                onSuccess: () => toast.success(t('rated', { count: stars })),
                onError: (error) => toast.error(t('rateFailed'), { description: errorMessage(error) }),
              })
            }
          />
        </Card>
      ) : null}
      <CodeEditor
        value={script.source}
        onChange={() => undefined}
        readOnly
        height={480}
        ariaLabel={t('source')}
        testId="marketplace-source"
      />
    </div>
  );
}

export function MarketplaceScriptSkeleton() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-7 w-72" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <Skeleton className="h-[480px] w-full" />
    </div>
  );
}
