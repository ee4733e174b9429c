import { getTranslations } from 'next-intl/server';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { MembersView } from './_components/members-view';

export const generateMetadata = pageMetadata('members');

export default async function MembersPage() {
  const t = await getTranslations('members');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <RequirePermission permission="admin">
        <MembersView />
      </RequirePermission>
    </div>
  );
}
