import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { CardsSkeleton, MarketplaceView } from './_components/marketplace-view';
import { marketplaceMetadata } from './_components/metadata';

export const generateMetadata = marketplaceMetadata('list');

export default async function MarketplacePage() {
  const t = await getTranslations('marketplace.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      {/* The view reads its search and sort from the URL, which is only known in the browser. */}
      <Suspense fallback={<CardsSkeleton />}>
        <MarketplaceView />
      </Suspense>
    </div>
  );
}
