import { Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { Can } from '@/components/accounts/can';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SessionsTableSkeleton } from './_components/sessions-table';
import { SessionsView } from './_components/sessions-view';

export const metadata: Metadata = { title: 'Sessions' };

export default function SessionsPage() {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Sessions"
        description="Browser sessions of your organization. Status, URL and activity update live."
        actions={
          <Can permission="write">
            <Button asChild>
              <Link href="/sessions/new" data-testid="new-session-button">
                <Plus />
                New session
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
