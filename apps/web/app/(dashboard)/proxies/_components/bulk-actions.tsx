'use client';

import { Ban, CircleCheck, ShieldCheck, Trash2, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useDeleteProxies, useSetBlacklisted } from '@/lib/api/proxies';

/** What can be done to the selected rows of one page. */
export function BulkActions({
  ids,
  onValidate,
  validating,
  onDone,
}: {
  ids: string[];
  onValidate: () => void;
  validating: boolean;
  onDone: () => void;
}) {
  const t = useTranslations('proxies.bulk');
  const remove = useDeleteProxies();
  const blacklist = useSetBlacklisted();
  const [confirmDelete, setConfirmDelete] = useState(false);

  const setBlacklisted = (blacklisted: boolean) =>
    blacklist.mutate(
      { ids, blacklisted },
      {
        onSuccess: ({ done, failed }) => {
          const key = blacklisted ? 'blacklisted' : 'unblacklisted';
          if (failed === 0) toast.success(t(key, { count: done }));
          else toast.warning(t('partly', { count: done, failed }));
          onDone();
        },
      },
    );

  return (
    <div
      data-testid="bulk-actions"
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm"
    >
      <span className="font-medium">{t('selected', { count: ids.length })}</span>
      <span className="mx-1 h-4 w-px bg-border" />
      <Button size="sm" variant="outline" disabled={validating} onClick={onValidate}>
        <ShieldCheck />
        {t('validate')}
      </Button>
      <Button size="sm" variant="outline" disabled={blacklist.isPending} onClick={() => setBlacklisted(true)}>
        <Ban />
        {t('blacklist')}
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={blacklist.isPending}
        onClick={() => setBlacklisted(false)}
      >
        <CircleCheck />
        {t('unblacklist')}
      </Button>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        trigger={
          <Button size="sm" variant="outline" className="text-destructive">
            <Trash2 />
            {t('delete')}
          </Button>
        }
        title={t('deleteTitle', { count: ids.length })}
        description={t('deleteDescription')}
        confirmLabel={t('delete')}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(
            { ids },
            {
              onSuccess: ({ deleted }) => {
                toast.success(t('deleted', { count: deleted }));
                setConfirmDelete(false);
                onDone();
              },
              onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
            },
          )
        }
      />
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        <X />
        {t('clearSelection')}
      </Button>
    </div>
  );
}
