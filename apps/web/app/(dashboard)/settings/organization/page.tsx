import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { OrganizationView } from './_components/organization-view';

export const generateMetadata = pageMetadata('organization');

export default async function OrganizationPage() {
  const t = await getTranslations('organization');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <OrganizationView />
    </div>
  );
}
