import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { JobsTableSkeleton } from './_components/jobs-table';

export default async function JobsLoading() {
  const t = await getTranslations('jobs.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-full sm:w-56" />
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-8 w-32" />
      </div>
      <Card className="overflow-hidden">
        <JobsTableSkeleton />
      </Card>
    </div>
  );
}
