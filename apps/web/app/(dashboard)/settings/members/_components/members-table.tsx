'use client';

import { UserMinus } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
import { useFormat } from '@/lib/hooks/use-format';
import { RoleSelect } from './role-select';

export function MembersTable({
  organizationId,
  currentUserId,
}: {
  organizationId: string;
  currentUserId: string | null;
}) {
  const t = useTranslations('members.table');
  const roles = useTranslations('roles');
  const format = useFormat();
  const members = useMembers(organizationId);
  const updateRole = useUpdateMemberRole(organizationId);
  const remove = useRemoveMember(organizationId);
  const [removing, setRemoving] = useState<OrganizationMember | null>(null);

  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
      </CardHeader>
      {members.isPending ? (
        <div className="grid gap-2 p-4" aria-busy="true">
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-4/6" />
        </div>
      ) : members.isError ? (
        <ErrorState error={members.error} title={t('loadFailed')} onRetry={() => void members.refetch()} />
      ) : (
        <Table data-testid="members-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t('name')}</TableHead>
              <TableHead>{t('email')}</TableHead>
              <TableHead className="w-40">{t('role')}</TableHead>
              <TableHead>{t('since')}</TableHead>
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
                        {t('you')}
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell>{member.user.email}</TableCell>
                  <TableCell>
                    <RoleSelect
                      aria-label={t('roleOf', { email: member.user.email })}
                      value={member.role}
                      // Demoting yourself could leave the organization without an administrator.
                      disabled={self || updateRole.isPending}
                      onValueChange={(role) =>
                        updateRole.mutate(
                          { memberId: member.id, role },
                          {
                            onSuccess: () =>
                              toast.success(
                                t('roleChanged', { email: member.user.email, role: roles(role) }),
                              ),
                            onError: (error) =>
                              toast.error(t('roleFailed'), { description: errorMessage(error) }),
                          },
                        )
                      }
                    />
                  </TableCell>
                  <TableCell className="text-xs">{format.date(member.createdAt)}</TableCell>
                  <TableCell>
                    {self ? null : (
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={t('removeLabel', { email: member.user.email })}
                        title={t('removeTitle')}
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
        title={t('removeConfirmTitle', { email: removing?.user.email ?? '' })}
        description={t('removeDescription')}
        confirmLabel={t('remove')}
        pending={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              toast.success(t('removed', { email: removing.user.email }));
              setRemoving(null);
            },
            onError: (error) => toast.error(t('removeFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </Card>
  );
}
