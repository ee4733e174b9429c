import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { scriptsMetadata } from './_components/metadata';
import { ScriptsTableSkeleton } from './_components/scripts-table';
import { ScriptsView } from './_components/scripts-view';

export const generateMetadata = scriptsMetadata('library');

export default async function ScriptsPage() {
  const t = await getTranslations('scripts.list');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      {/* The view reads its search and tag from the URL, which is only known in the browser. */}
      <Suspense
        fallback={
          <Card className="overflow-hidden">
            <ScriptsTableSkeleton />
          </Card>
        }
      >
        <ScriptsView />
      </Suspense>
    </div>
  );
}
