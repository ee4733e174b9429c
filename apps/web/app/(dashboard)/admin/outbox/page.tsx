import type { Metadata } from 'next';
import { RequirePlatformAdmin } from '@/components/accounts/require-platform-admin';
import { PageHeader } from '@/components/layout/page-header';
import { OutboxView } from './_components/outbox-view';

export const metadata: Metadata = { title: 'Mail outbox' };

export default function OutboxPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <PageHeader
        title="Mail outbox"
        description="The platform's recent mails: address confirmations, password resets and invitations."
      />
      <RequirePlatformAdmin>
        <OutboxView />
      </RequirePlatformAdmin>
    </div>
  );
}
