import { Plus } from 'lucide-react';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { Can } from '@/components/accounts/can';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { pageMetadata } from '@/i18n/metadata';
import { SessionsTableSkeleton } from './_components/sessions-table';
import { SessionsView } from './_components/sessions-view';

export const generateMetadata = pageMetadata('sessions');

export default async function SessionsPage() {
  const t = await getTranslations('sessions.list');
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Can permission="write">
            <Button asChild>
              <Link href="/sessions/new" data-testid="new-session-button">
                <Plus />
                {t('newSession')}
              </Link>
            </Button>
          </Can>
        }
      />
      {/* The view reads its filters from the URL, which is only known in the browser. */}
      <Suspense
        fallback={
          <Card className="overflow-hidden">
            <SessionsTableSkeleton />
          </Card>
        }
      >
        <SessionsView />
      </Suspense>
    </div>
  );
}
