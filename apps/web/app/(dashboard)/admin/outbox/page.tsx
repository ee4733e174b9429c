import { getTranslations } from 'next-intl/server';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { OutboxView } from './_components/outbox-view';

export const generateMetadata = pageMetadata('outbox');

export default async function OutboxPage() {
  const t = await getTranslations('outbox');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <RequirePlatformAdmin>
        <OutboxView />
      </RequirePlatformAdmin>
    </div>
  );
}
