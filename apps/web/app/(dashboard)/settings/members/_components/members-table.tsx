'use client';

import { UserMinus } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { ErrorState } from '@/components/common/error-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { OrganizationMember } from '@/lib/api/auth-client';
import { errorMessage } from '@/lib/api/client';
import { useMembers, useRemoveMember, useUpdateMemberRole } from '@/lib/api/organizations';
import { formatDate } from '@/lib/format';
import { RoleSelect } from './role-select';

export function MembersTable({
  organizationId,
  currentUserId,
}: {
  organizationId: string;
  currentUserId: string | null;
}) {
  const members = useMembers(organizationId);
  const updateRole = useUpdateMemberRole(organizationId);
  const remove = useRemoveMember(organizationId);
  const [removing, setRemoving] = useState<OrganizationMember | null>(null);

  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Members</CardTitle>
      </CardHeader>
      {members.isPending ? (
        <div className="grid gap-2 p-4" aria-busy="true">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-4/6" />
        </div>
      ) : members.isError ? (
        <ErrorState
          error={members.error}
          title="Could not load members"
          onRetry={() => void members.refetch()}
        />
      ) : (
        <Table data-testid="members-table">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead className="w-40">Role</TableHead>
              <TableHead>Member since</TableHead>
              <TableHead className="w-12" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.data.map((member) => {
              const self = member.userId === currentUserId;
              return (
                <TableRow key={member.id} data-testid={`member-row-${member.user.email}`}>
                  <TableCell className="font-medium">
                    {member.user.name}
                    {self ? (
                      <Badge variant="secondary" className="ml-2">
                        you
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>{member.user.email}</TableCell>
                  <TableCell>
                    <RoleSelect
                      aria-label={`Role of ${member.user.email}`}
                      value={member.role}
                      // Demoting yourself could leave the organization without an administrator.
                      disabled={self || updateRole.isPending}
                      onValueChange={(role) =>
                        updateRole.mutate(
                          { memberId: member.id, role },
                          {
                            onSuccess: () => toast.success(`${member.user.email} is now ${role}`),
                            onError: (error) =>
                              toast.error('Could not change the role', { description: errorMessage(error) }),
                          },
                        )
                      }
                    />
                  </TableCell>
                  <TableCell className="text-xs">{formatDate(member.createdAt)}</TableCell>
                  <TableCell>
                    {self ? null : (
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Remove ${member.user.email}`}
                        title="Remove from the organization"
                        onClick={() => setRemoving(member)}
                      >
                        <UserMinus />
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => (open ? null : setRemoving(null))}
        title={<>Remove {removing?.user.email}?</>}
        description="They lose access to this organization at once, and API keys they created stop working. Their account stays; you can invite them again."
        confirmLabel="Remove"
        pending={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              toast.success(`Removed ${removing.user.email}`);
              setRemoving(null);
            },
            onError: (error) =>
              toast.error('Could not remove the member', { description: errorMessage(error) }),
          })
        }
      />
    </Card>
  );
}
