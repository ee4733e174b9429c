import { Plus } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { Can } from '@/components/accounts/can';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { pageMetadata } from '@/i18n/metadata';
import { JobsTableSkeleton } from './_components/jobs-table';
import { JobsView } from './_components/jobs-view';

export const generateMetadata = pageMetadata('jobs');

export default async function JobsPage() {
  const t = await getTranslations('jobs.list');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Can permission="write">
            <Button asChild size="sm" data-testid="new-job">
              <Link href="/jobs/new">
                <Plus />
                {t('newJob')}
              </Link>
            </Button>
          </Can>
        }
      />
      {/* The view reads its filters from the URL, which is only known in the browser. */}
      <Suspense
        fallback={
          <Card className="overflow-hidden">
            <JobsTableSkeleton />
          </Card>
        }
      >
        <JobsView />
      </Suspense>
    </div>
  );
}
