'use client';

import type { Session } from '@fleetwright/contracts';
import { Trash } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useDeleteSession } from '@/lib/api/sessions';

export function DeleteSessionDialog({ session }: { session: Session }) {
  const t = useTranslations('sessions.delete');
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteSession(session.id);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="icon" aria-label={t('button')} title={t('button')}>
          <Trash />
        </Button>
      }
      title={t('title', { name: session.name })}
      description={t('description')}
      confirmLabel={t('confirm')}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast.success(t('done', { name: session.name }));
            setOpen(false);
            router.push('/sessions');
          },
          onError: (error) => toast.error(t('failed'), { description: errorMessage(error) }),
        })
      }
    />
  );
}
