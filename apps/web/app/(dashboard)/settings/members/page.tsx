import type { Metadata } from 'next';
import { RequirePermission } from '@/components/accounts/require-permission';
import { PageHeader } from '@/components/layout/page-header';
import { MembersView } from './_components/members-view';

export const metadata: Metadata = { title: 'Members' };

export default function MembersPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="Members"
        description="VIEWER reads; USER also manages sessions, proxies, scripts and jobs; ADMIN also members, API keys and settings."
      />
      <RequirePermission permission="admin">
        <MembersView />
      </RequirePermission>
    </div>
  );
}
