'use client';

import type { Instance } from '@fleetwright/contracts';
import { LoaderCircle, Trash } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { errorMessage } from '@/lib/api/client';
import { useDeleteInstance } from '@/lib/api/instances';

export function DeleteInstanceDialog({ instance }: { instance: Instance }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteInstance(instance.id);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label="Delete session" title="Delete session">
          <Trash />
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete “{instance.name}”?</DialogTitle>
          <DialogDescription>
            The session is stopped if it runs, and its settings, logs and metrics are removed. This cannot be
            undone.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  toast.success(`Deleted “${instance.name}”`);
                  setOpen(false);
                  router.push('/instances');
                },
                onError: (error) =>
                  toast.error('Could not delete the session', { description: errorMessage(error) }),
              })
            }
          >
            {remove.isPending ? <LoaderCircle className="animate-spin" /> : null}
            Delete
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
