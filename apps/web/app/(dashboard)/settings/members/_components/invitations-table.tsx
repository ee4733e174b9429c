'use client';

import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/client';
import { useCancelInvitation, useInvitations } from '@/lib/api/organizations';
import { useFormat } from '@/lib/hooks/use-format';

/** Invitations nobody has accepted yet. */
export function InvitationsTable({ organizationId }: { organizationId: string }) {
  const t = useTranslations('members.invitations');
  const roles = useTranslations('roles');
  const format = useFormat();
  const invitations = useInvitations(organizationId);
  const cancel = useCancelInvitation(organizationId);
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>{t('title')}</CardTitle>
      </CardHeader>
      {invitations.isPending ? (
        <div className="p-4" aria-busy="true">
          <Skeleton className="h-4 w-full" />
        </div>
      ) : invitations.isError ? (
        <ErrorState
          error={invitations.error}
          title={t('loadFailed')}
          onRetry={() => void invitations.refetch()}
        />
      ) : invitations.data.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>
      ) : (
        <Table data-testid="invitations-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t('email')}</TableHead>
              <TableHead>{t('role')}</TableHead>
              <TableHead>{t('expires')}</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.data.map((invitation) => (
              <TableRow key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
                <TableCell>{invitation.email}</TableCell>
                <TableCell className="text-xs">{roles(invitation.role)}</TableCell>
                <TableCell className="text-xs">{format.dateTime(invitation.expiresAt)}</TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={cancel.isPending && cancel.variables === invitation.id}
                    onClick={() =>
                      cancel.mutate(invitation.id, {
                        onSuccess: () => toast.success(t('canceled', { email: invitation.email })),
                        onError: (error) =>
                          toast.error(t('cancelFailed'), {
                            description: errorMessage(error),
                          }),
                      })
                    }
                  >
                    {t('cancel')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
