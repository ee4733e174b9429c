import { Plus } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { Can } from '@/components/accounts/can';
import { PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { InstancesTableSkeleton } from './_components/instances-table';
import { InstancesView } from './_components/instances-view';

export const metadata: Metadata = { title: 'Sessions' };

export default function InstancesPage() {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Sessions"
        description="Browser sessions of your organization. Status, URL and activity update live."
        actions={
          <Can permission="write">
            <Button asChild>
              <Link href="/instances/new" data-testid="new-instance-button">
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
            <InstancesTableSkeleton />
          </Card>
        }
      >
        <InstancesView />
      </Suspense>
    </div>
  );
}
