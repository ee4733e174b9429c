import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { SessionsTableSkeleton } from './_components/sessions-table';

export default async function SessionsLoading() {
  const t = await getTranslations('sessions.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-full sm:w-64" />
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-8 w-36" />
      </div>
      <Card className="overflow-hidden">
        <SessionsTableSkeleton />
      </Card>
    </div>
  );
}
