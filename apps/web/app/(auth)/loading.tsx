import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

/** The shape of an AuthCard with a two-field form. */
export default function AuthLoading() {
  return (
    <Card className="w-full gap-4 p-6" aria-busy="true">
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-4 w-64" />
      <div className="grid gap-2 pt-2">
        <Skeleton className="h-3 w-16" />
        <Skeleton className="h-8 w-full" />
      </div>
      <div className="grid gap-2">
        <Skeleton className="h-3 w-20" />
        <Skeleton className="h-8 w-full" />
      </div>
      <Skeleton className="h-8 w-full" />
    </Card>
  );
}
