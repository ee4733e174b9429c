import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { WorkersTableSkeleton } from './_components/workers-table';

export default async function WorkersLoading() {
  const t = await getTranslations('workers');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} />
      <Card className="overflow-hidden">
        <WorkersTableSkeleton />
      </Card>
    </div>
  );
}
