'use client';

import { toast } from 'sonner';
import { ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { errorMessage } from '@/lib/api/client';
import { useCancelInvitation, useInvitations } from '@/lib/api/organizations';
import { formatDateTime } from '@/lib/format';

/** Invitations nobody has accepted yet. */
export function InvitationsTable({ organizationId }: { organizationId: string }) {
  const invitations = useInvitations(organizationId);
  const cancel = useCancelInvitation(organizationId);
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <CardTitle>Pending invitations</CardTitle>
      </CardHeader>
      {invitations.isPending ? (
        <div className="p-4" aria-busy="true">
          <Skeleton className="h-4 w-full" />
        </div>
      ) : invitations.isError ? (
        <ErrorState
          error={invitations.error}
          title="Could not load invitations"
          onRetry={() => void invitations.refetch()}
        />
      ) : invitations.data.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-muted-foreground">No pending invitations.</p>
      ) : (
        <Table data-testid="invitations-table">
          <TableHeader>
            <TableRow>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {invitations.data.map((invitation) => (
              <TableRow key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
                <TableCell>{invitation.email}</TableCell>
                <TableCell className="font-mono text-xs">{invitation.role}</TableCell>
                <TableCell className="text-xs">{formatDateTime(invitation.expiresAt)}</TableCell>
                <TableCell className="text-right">
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={cancel.isPending && cancel.variables === invitation.id}
                    onClick={() =>
                      cancel.mutate(invitation.id, {
                        onSuccess: () => toast.success(`Canceled the invitation of ${invitation.email}`),
                        onError: (error) =>
                          toast.error('Could not cancel the invitation', {
                            description: errorMessage(error),
                          }),
                      })
                    }
                  >
                    Cancel
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
