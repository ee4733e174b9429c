'use client';

import type { Secret } from '@fleetwright/contracts';
import { LockKeyhole, Plus, RefreshCw, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useDeleteSecret, useSecrets } from '@/lib/api/secrets';
import { useFormat } from '@/lib/hooks/use-format';
import { SecretFormDialog } from './secret-form-dialog';

/**
 * The organization's secrets by name and last change. There is no value column to fill: the API
 * never answers one, so replacing is the only way to change it.
 */
export function SecretsView() {
  const t = useTranslations('secrets.list');
  const format = useFormat();
  const canWrite = useCan('write');
  const secrets = useSecrets();
  const [form, setForm] = useState<{ secret: Secret | null } | null>(null);
  const [deleting, setDeleting] = useState<Secret | null>(null);
  const remove = useDeleteSecret();

  return (
    <div className="space-y-3">
      {canWrite ? (
        <Button size="sm" onClick={() => setForm({ secret: null })} data-testid="add-secret">
          <Plus />
          {t('add')}
        </Button>
      ) : null}
      <Card className="overflow-hidden">
        {secrets.isPending ? (
          <Skeleton className="m-3 h-24" />
        ) : secrets.isError ? (
          <ErrorState error={secrets.error} title={t('loadFailed')} onRetry={() => void secrets.refetch()} />
        ) : secrets.data.length === 0 ? (
          <EmptyState icon={<LockKeyhole />} title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <Table data-testid="secrets-table">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t('columns.name')}</TableHead>
                <TableHead>{t('columns.updated')}</TableHead>
                <TableHead>
                  <span className="sr-only">{t('columns.actions')}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {secrets.data.map((secret) => (
                <TableRow key={secret.id} data-testid={`secret-row-${secret.name}`}>
                  <TableCell className="break-all font-mono text-xs font-medium">{secret.name}</TableCell>
                  <TableCell
                    className="text-xs text-muted-foreground"
                    title={format.dateTime(secret.updatedAt)}
                  >
                    {format.relativeTime(secret.updatedAt)}
                  </TableCell>
                  <TableCell>
                    {canWrite ? (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7"
                          aria-label={t('replace', { name: secret.name })}
                          title={t('replace', { name: secret.name })}
                          onClick={() => setForm({ secret })}
                        >
                          <RefreshCw />
                        </Button>
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-7 text-destructive"
                          aria-label={t('delete', { name: secret.name })}
                          title={t('delete', { name: secret.name })}
                          onClick={() => setDeleting(secret)}
                        >
                          <Trash2 />
                        </Button>
                      </div>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <SecretFormDialog
        open={form !== null}
        onOpenChange={(open) => (open ? undefined : setForm(null))}
        secret={form?.secret ?? null}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={t('deleteTitle', { name: deleting?.name ?? '' })}
        description={t('deleteDescription')}
        confirmLabel={t('deleteConfirm')}
        pending={remove.isPending}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('deleted', { name: deleting.name }));
              setDeleting(null);
            },
            onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
          })
        }
      />
    </div>
  );
}
