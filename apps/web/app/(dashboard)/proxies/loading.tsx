import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ProxiesTableSkeleton } from './_components/proxies-table';

export default async function ProxiesLoading() {
  const t = await getTranslations('proxies.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Skeleton className="h-8 w-48" />
      <Card className="p-3">
        <Skeleton className="aspect-[2/1] max-h-96 w-full" />
      </Card>
      <Card className="overflow-hidden">
        <ProxiesTableSkeleton />
      </Card>
    </div>
  );
}
