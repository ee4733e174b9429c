import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { pageMetadata } from '@/i18n/metadata';
import { ProxiesTableSkeleton } from './_components/proxies-table';
import { ProxiesTabs } from './_components/proxies-tabs';
import { ProxiesView } from './_components/proxies-view';

export const generateMetadata = pageMetadata('proxies');

export default async function ProxiesPage() {
  const t = await getTranslations('proxies.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <ProxiesTabs />
      {/* The view reads its filters from the URL, which is only known in the browser. */}
      <Suspense
        fallback={
          <Card className="overflow-hidden">
            <ProxiesTableSkeleton />
          </Card>
        }
      >
        <ProxiesView />
      </Suspense>
    </div>
  );
}
