import { getTranslations } from 'next-intl/server';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { pageMetadata } from '@/i18n/metadata';
import { ApiKeysView } from './_components/api-keys-view';

export const generateMetadata = pageMetadata('apiKeys');

export default async function ApiKeysPage() {
  const t = await getTranslations('apiKeys');
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title={t('title')}
        description={t.rich('description', {
          code: (chunks) => <code className="break-all font-mono">{chunks}</code>,
        })}
      />
      <RequirePermission permission="admin">
        <ApiKeysView />
      </RequirePermission>
    </div>
  );
}
