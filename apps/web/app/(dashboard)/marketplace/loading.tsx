import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { CardsSkeleton } from './_components/marketplace-view';

export default async function MarketplaceLoading() {
  const t = await getTranslations('marketplace.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Skeleton className="h-8 w-72" />
      <CardsSkeleton />
    </div>
  );
}
