import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { SessionsTableSkeleton } from './_components/sessions-table';

export default function SessionsLoading() {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Sessions"
        description="Browser sessions of your organization. Status, URL and activity update live."
      />
      <div className="flex gap-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-8 w-36" />
      </div>
      <Card className="overflow-hidden">
        <SessionsTableSkeleton />
      </Card>
    </div>
  );
}
