'use client';

import { ArrowLeft, SearchX } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { isApiError } from '@/lib/api/client';
import { useJob } from '@/lib/api/jobs';
import { JobForm } from '../../_components/job-form';

/** The job form, filled with the job as the API has it. */
export function EditJob({ id }: { id: string }) {
  const t = useTranslations('jobs');
  const query = useJob(id);
  return (
    <>
      <Link
        href={`/jobs/${id}`}
        className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-3.5" />
        {query.data?.name ?? t('list.title')}
      </Link>
      <PageHeader title={t('edit.title')} description={t('edit.description')} />
      {query.isPending ? (
        <Skeleton className="h-[60vh] w-full" />
      ) : query.isError ? (
        <Card>
          <JobLoadError error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      ) : (
        <JobForm job={query.data} />
      )}
    </>
  );
}

/** A job that is gone (or another organization's) reads as not found; anything else can be retried. */
export function JobLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useTranslations('jobs.detail');
  if (isApiError(error) && error.status === 404) {
    return (
      <EmptyState
        icon={<SearchX />}
        title={t('notFound')}
        description={t('notFoundDescription')}
        action={
          <Button asChild variant="outline" size="sm">
            <Link href="/jobs">{t('backToJobs')}</Link>
          </Button>
        }
      />
    );
  }
  return <ErrorState error={error} title={t('loadFailed')} onRetry={onRetry} />;
}
