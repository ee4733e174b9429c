import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

/** Fallback for dashboard pages without a loading state of their own. */
export default function DashboardLoading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <div className="space-y-2">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-4 w-80" />
      </div>
      <Card className="gap-3 p-4">
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
        <Skeleton className="h-4 w-4/6" />
        <Skeleton className="h-4 w-3/6" />
      </Card>
    </div>
  );
}
