import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { ProvidersView } from '../_components/providers-view';
import { ProxiesTabs } from '../_components/proxies-tabs';

export const generateMetadata = pageMetadata('proxyProviders');

export default async function ProxyProvidersPage() {
  const t = await getTranslations('proxies.providers');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <ProxiesTabs />
      <ProvidersView />
    </div>
  );
}
