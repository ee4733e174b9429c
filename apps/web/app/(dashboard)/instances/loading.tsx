import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { InstancesTableSkeleton } from './_components/instances-table';

export default function InstancesLoading() {
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
        <InstancesTableSkeleton />
      </Card>
    </div>
  );
}
