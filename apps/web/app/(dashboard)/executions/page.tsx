import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { pageMetadata } from '@/i18n/metadata';
import { ExecutionsTableSkeleton } from '../jobs/[id]/_components/executions-table';
import { ExecutionsHistory } from './_components/executions-history';

export const generateMetadata = pageMetadata('executions');

export default async function ExecutionsPage() {
  const t = await getTranslations('executions.history');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      {/* The view reads its filters from the URL, which is only known in the browser. */}
      <Suspense
        fallback={
          <Card className="overflow-hidden">
            <ExecutionsTableSkeleton />
          </Card>
        }
      >
        <ExecutionsHistory />
      </Suspense>
    </div>
  );
}
