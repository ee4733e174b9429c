import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { WorkersTableSkeleton } from './_components/workers-table';

export default function WorkersLoading() {
  return (
    <div className="space-y-4">
      <PageHeader title="Workers" />
      <Card className="overflow-hidden">
        <WorkersTableSkeleton />
      </Card>
    </div>
  );
}
