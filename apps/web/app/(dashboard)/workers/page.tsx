import type { Metadata } from 'next';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { WorkersView } from './_components/workers-table';

export const metadata: Metadata = { title: 'Workers' };

export default function WorkersPage() {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Workers"
        description="Processes that own Chromium and run sessions. A worker without a heartbeat for 30 s is offline and its sessions move to others."
      />
      <RequirePlatformAdmin>
        <WorkersView />
      </RequirePlatformAdmin>
    </div>
  );
}
