import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { WebhooksView } from './_components/webhooks-view';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('webhooks'))('pageTitle') };
}

export default async function WebhooksPage() {
  const t = await getTranslations('webhooks');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <WebhooksView />
    </div>
  );
}
