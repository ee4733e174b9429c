'use client';

import type { Session } from '@fleetwright/contracts';
import { Trash } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useDeleteSession } from '@/lib/api/sessions';

export function DeleteSessionDialog({ session }: { session: Session }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteSession(session.id);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="ghost" size="icon" aria-label="Delete session" title="Delete session">
          <Trash />
        </Button>
      }
      title={`Delete “${session.name}”?`}
      description="The session is stopped if it runs, and its settings, logs and metrics are removed. This cannot be undone."
      confirmLabel="Delete"
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            toast.success(`Deleted “${session.name}”`);
            setOpen(false);
            router.push('/sessions');
          },
          onError: (error) =>
            toast.error('Could not delete the session', { description: errorMessage(error) }),
        })
      }
    />
  );
}
