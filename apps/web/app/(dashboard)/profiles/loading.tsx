import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { ProfilesTableSkeleton } from './_components/profiles-view';

export default async function ProfilesLoading() {
  const t = await getTranslations('profiles');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <Card className="overflow-hidden">
        <ProfilesTableSkeleton />
      </Card>
    </div>
  );
}
