import { getTranslations } from 'next-intl/server';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { WorkersView } from './_components/workers-table';

export const generateMetadata = pageMetadata('workers');

export default async function WorkersPage() {
  const t = await getTranslations('workers');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <RequirePlatformAdmin>
        <WorkersView />
      </RequirePlatformAdmin>
    </div>
  );
}
