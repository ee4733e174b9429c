'use client';

import type { Job } from '@fleetwright/contracts';
import { MoreHorizontal, Pause, Pencil, Play, Trash } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/common/confirm-dialog';
import { Button } from '@/components/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { errorMessage } from '@/lib/api/client';
import { useDeleteJob, usePauseJob, useRunJob } from '@/lib/api/jobs';

/** Run now, and pause or resume: what a job's row and its page both offer. */
export function useJobCommands() {
  const t = useTranslations('jobs.actions');
  const router = useRouter();
  const run = useRunJob();
  const pause = usePauseJob();
  return {
    pending: run.isPending || pause.isPending,
    run: (job: Job, { open }: { open: boolean }) =>
      run.mutate(job.id, {
        onSuccess: (execution) => {
          toast.success(t('started', { name: job.name }), {
            action: { label: t('openExecution'), onClick: () => router.push(`/executions/${execution.id}`) },
          });
          if (open) router.push(`/executions/${execution.id}`);
        },
        onError: (error) => toast.error(t('runFailed'), { description: errorMessage(error) }),
      }),
    setPaused: (job: Job, paused: boolean) =>
      pause.mutate(
        { id: job.id, paused },
        {
          onSuccess: () =>
            toast.success(paused ? t('paused', { name: job.name }) : t('resumed', { name: job.name })),
          onError: (error) => toast.error(t('pauseFailed'), { description: errorMessage(error) }),
        },
      ),
  };
}

/** The delete confirmation of a job; its executions' history goes with it. */
export function DeleteJobDialog({
  job,
  open,
  onOpenChange,
  onDeleted,
}: {
  job: Job;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const t = useTranslations('jobs.actions');
  const remove = useDeleteJob();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('deleteTitle', { name: job.name })}
      description={t('deleteDescription')}
      confirmLabel={t('delete')}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(job.id, {
          onSuccess: () => {
            onOpenChange(false);
            toast.success(t('deleted', { name: job.name }));
            onDeleted?.();
          },
          onError: (error) => toast.error(t('deleteFailed'), { description: errorMessage(error) }),
        })
      }
    />
  );
}

/** A row's menu: run now, pause or resume, edit, delete. */
export function JobRowActions({ job }: { job: Job }) {
  const t = useTranslations('jobs.actions');
  const commands = useJobCommands();
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <div className="flex items-center justify-end gap-1">
      <Button
        variant="ghost"
        size="icon"
        className="size-7"
        aria-label={t('runNamed', { name: job.name })}
        title={t('run')}
        disabled={commands.pending}
        onClick={() => commands.run(job, { open: false })}
      >
        <Play />
      </Button>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" className="size-7" aria-label={t('more', { name: job.name })}>
            <MoreHorizontal />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => commands.setPaused(job, !job.paused)}>
            {job.paused ? <Play /> : <Pause />}
            {job.paused ? t('resume') : t('pause')}
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href={`/jobs/${job.id}/edit`}>
              <Pencil />
              {t('edit')}
            </Link>
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirmDelete(true)}>
            <Trash />
            {t('delete')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <DeleteJobDialog job={job} open={confirmDelete} onOpenChange={setConfirmDelete} />
    </div>
  );
}
