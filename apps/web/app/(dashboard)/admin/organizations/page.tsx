import type { Metadata } from 'next';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { OrganizationsAdmin } from './_components/organizations-admin';

export const metadata: Metadata = { title: 'Organizations' };

export default function AdminOrganizationsPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="Organizations"
        description="Every organization on this server, with its plan. A quota left empty is the plan's default; a number overrides it for that organization alone."
      />
      <RequirePlatformAdmin>
        <OrganizationsAdmin />
      </RequirePlatformAdmin>
    </div>
  );
}
