import { getTranslations } from 'next-intl/server';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { OrganizationsAdmin } from './_components/organizations-admin';

export const generateMetadata = pageMetadata('organizations');

export default async function AdminOrganizationsPage() {
  const t = await getTranslations('adminOrganizations');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <RequirePlatformAdmin>
        <OrganizationsAdmin />
      </RequirePlatformAdmin>
    </div>
  );
}
