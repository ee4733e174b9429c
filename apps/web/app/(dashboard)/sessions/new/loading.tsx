import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

function SectionSkeleton({ fields }: { fields: number }) {
  return (
    <div className="grid gap-4 border-b py-5 last:border-b-0 md:grid-cols-[220px_1fr]">
      <div className="space-y-2">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-3 w-40" />
      </div>
      <div className="grid gap-4">
        {Array.from({ length: fields }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
          <div key={index} className="grid gap-1.5">
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-8 w-full" />
          </div>
        ))}
      </div>
    </div>
  );
}

export default async function NewSessionLoading() {
  const t = await getTranslations('sessions.new');
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Skeleton className="h-4 w-20" />
      <PageHeader title={t('title')} />
      <Card className="px-4 sm:px-5">
        <SectionSkeleton fields={3} />
        <SectionSkeleton fields={4} />
        <SectionSkeleton fields={2} />
      </Card>
    </div>
  );
}
