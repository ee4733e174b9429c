import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function DashboardNotFound() {
  return (
    <div className="flex flex-col items-center justify-center gap-3 py-24 text-center">
      <SearchX className="size-6 text-muted-foreground" />
      <h2 className="text-base font-semibold">Not found</h2>
      <p className="text-sm text-muted-foreground">This session or page does not exist, or it was deleted.</p>
      <Button asChild variant="outline" size="sm">
        <Link href="/sessions">Back to sessions</Link>
      </Button>
    </div>
  );
}
