'use client';

import { useUserSession } from '@/lib/api/accounts';
import { InvitationsTable } from './invitations-table';
import { InviteMemberForm } from './invite-member-form';
import { MembersTable } from './members-table';

export function MembersView() {
  const { organization, user } = useUserSession();
  if (!organization) return null;
  return (
    <div className="space-y-4">
      <MembersTable organizationId={organization.id} currentUserId={user?.id ?? null} />
      <InviteMemberForm organizationId={organization.id} />
      <InvitationsTable organizationId={organization.id} />
    </div>
  );
}
