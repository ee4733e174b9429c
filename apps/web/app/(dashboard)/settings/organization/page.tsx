import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { OrganizationView } from './_components/organization-view';

export const metadata: Metadata = { title: 'Organization' };

export default function OrganizationPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="Organization"
        description="Its plan and quotas, and the target policy every session of the organization follows."
      />
      <OrganizationView />
    </div>
  );
}
