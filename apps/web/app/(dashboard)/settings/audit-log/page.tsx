import type { Metadata } from 'next';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { AuditLogView } from './_components/audit-log-view';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditLogPage() {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Audit log"
        description="Critical actions in this organization: sign-ins, API keys, members, deleted sessions and settings, with who did them and from where."
      />
      <RequirePermission permission="admin">
        <AuditLogView />
      </RequirePermission>
    </div>
  );
}
