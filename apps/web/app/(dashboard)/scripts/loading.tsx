import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ScriptsTableSkeleton } from './_components/scripts-table';

export default async function ScriptsLoading() {
  const t = await getTranslations('scripts.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Skeleton className="h-8 w-64" />
      <Card className="overflow-hidden">
        <ScriptsTableSkeleton />
      </Card>
    </div>
  );
}
