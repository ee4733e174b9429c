import type { Metadata } from 'next';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { ApiKeysView } from './_components/api-keys-view';

export const metadata: Metadata = { title: 'API keys' };

export default function ApiKeysPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="API keys"
        description={
          <>
            For scripts and CI: send a key as{' '}
            <code className="font-mono">Authorization: Bearer fw_live_…</code>. A key acts for this
            organization with the scopes it was given.
          </>
        }
      />
      <RequirePermission permission="admin">
        <ApiKeysView />
      </RequirePermission>
    </div>
  );
}
