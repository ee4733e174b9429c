import { getTranslations } from 'next-intl/server';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { AuditLogView } from './_components/audit-log-view';

export const generateMetadata = pageMetadata('auditLog');

export default async function AuditLogPage() {
  const t = await getTranslations('auditLog');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} description={t('description')} />
      <RequirePermission permission="admin">
        <AuditLogView />
      </RequirePermission>
    </div>
  );
}
