'use client';

import type { ApiKey } from '@fleetwright/contracts';
import { KeyRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
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
import { useFormat } from '@/lib/hooks/use-format';

function status(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

export function ApiKeysTable() {
  const t = useTranslations('apiKeys.table');
  const format = useFormat();
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
        <ErrorState error={keys.error} title={t('loadFailed')} onRetry={() => void keys.refetch()} />
      </Card>
    );
  }

  return (
    <Card className="overflow-hidden">
      {keys.data.length === 0 ? (
        <EmptyState icon={<KeyRound />} title={t('empty')} description={t('emptyDescription')} />
      ) : (
        <Table data-testid="api-keys-table">
          <TableHeader>
            <TableRow>
              <TableHead>{t('columns.name')}</TableHead>
              <TableHead>{t('columns.key')}</TableHead>
              <TableHead>{t('columns.scopes')}</TableHead>
              <TableHead>{t('columns.created')}</TableHead>
              <TableHead>{t('columns.lastUsed')}</TableHead>
              <TableHead>{t('columns.expires')}</TableHead>
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
                  <TableCell className="text-xs">{format.dateTime(key.createdAt)}</TableCell>
                  <TableCell className="text-xs">{format.dateTime(key.lastUsedAt, t('never'))}</TableCell>
                  <TableCell className="text-xs">{format.dateTime(key.expiresAt, t('never'))}</TableCell>
                  <TableCell className="text-right">
                    {state === 'active' ? (
                      <Button variant="outline" size="sm" onClick={() => setRevoking(key)}>
                        {t('revoke')}
                      </Button>
                    ) : (
                      <Badge variant="secondary">{t(`states.${state}`)}</Badge>
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
        title={t('revokeTitle', { name: revoking?.name ?? '' })}
        description={t('revokeDescription')}
        confirmLabel={t('revoke')}
        pending={revoke.isPending}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast.success(t('revoked', { name: revoking.name }));
              setRevoking(null);
            },
            onError: (error) => toast.error(t('revokeFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </Card>
  );
}
