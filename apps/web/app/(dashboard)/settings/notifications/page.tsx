import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { ChannelsView } from './_components/channels-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('notificationChannels'))('pageTitle') };
}

export default async function NotificationChannelsPage() {
  const t = await getTranslations('notificationChannels');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <ChannelsView />
    </div>
  );
}
