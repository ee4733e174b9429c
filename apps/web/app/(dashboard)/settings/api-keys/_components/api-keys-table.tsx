'use client';

import type { ApiKey } from '@fleetwright/contracts';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useApiKeys, useRevokeApiKey } from '@/lib/api/api-keys';
import { errorMessage } from '@/lib/api/client';
import { formatDateTime } from '@/lib/format';

function status(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

export function ApiKeysTable() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (keys.isPending) {
    return (
      <Card className="gap-2 p-4" aria-busy="true">
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
      </Card>
    );
  }
  if (keys.isError) {
    return (
      <Card>
        <ErrorState error={keys.error} title="Could not load API keys" onRetry={() => void keys.refetch()} />
      </Card>
    );
  }

  return (
    <Card className="overflow-hidden">
      {keys.data.length === 0 ? (
        <EmptyState icon={<KeyRound />} title="No API keys yet" description="Create one above." />
      ) : (
        <Table data-testid="api-keys-table">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Key</TableHead>
              <TableHead>Scopes</TableHead>
              <TableHead>Created</TableHead>
              <TableHead>Last used</TableHead>
              <TableHead>Expires</TableHead>
              <TableHead className="w-24" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.data.map((key) => {
              const state = status(key);
              return (
                <TableRow key={key.id} data-testid={`api-key-row-${key.id}`} data-state={state}>
                  <TableCell className="font-medium">{key.name}</TableCell>
                  <TableCell className="font-mono text-xs">{key.prefix}…</TableCell>
                  <TableCell>
                    <div className="flex gap-1">
                      {key.scopes.map((scope) => (
                        <Badge key={scope} variant="outline" className="font-mono">
                          {scope}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className="text-xs">{formatDateTime(key.createdAt)}</TableCell>
                  <TableCell className="text-xs">{formatDateTime(key.lastUsedAt, 'Never')}</TableCell>
                  <TableCell className="text-xs">{formatDateTime(key.expiresAt, 'Never')}</TableCell>
                  <TableCell className="text-right">
                    {state === 'active' ? (
                      <Button variant="outline" size="sm" onClick={() => setRevoking(key)}>
                        Revoke
                      </Button>
                    ) : (
                      <Badge variant="secondary">{state}</Badge>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => (open ? null : setRevoking(null))}
        title={<>Revoke “{revoking?.name}”?</>}
        description="It stops working at once: whatever uses it gets 401 from now on. This cannot be undone."
        confirmLabel="Revoke"
        pending={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast.success(`Revoked “${revoking.name}”`);
              setRevoking(null);
            },
            onError: (error) => toast.error('Could not revoke the key', { description: errorMessage(error) }),
          })
        }
      />
    </Card>
  );
}
