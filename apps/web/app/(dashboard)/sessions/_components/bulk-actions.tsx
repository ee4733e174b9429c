'use client';

import type { BatchResult } from '@fleetwright/contracts';
import { Play, Square, X } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useBatchSessionAction } from '@/lib/api/sessions';

const VERBS = { start: 'Started', stop: 'Stopped' } as const;

function summarize(action: 'start' | 'stop', { results }: BatchResult): void {
  const failed = results.filter((result) => !result.ok);
  const succeeded = results.length - failed.length;
  if (failed.length === 0) {
    toast.success(`${VERBS[action]} ${succeeded} session${succeeded === 1 ? '' : 's'}`);
    return;
  }
  const first = failed[0];
  toast.warning(`${VERBS[action]} ${succeeded}, ${failed.length} failed`, {
    description: first?.message ?? first?.code,
  });
}

export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const batch = useBatchSessionAction();
  const run = (action: 'start' | 'stop') =>
    batch.mutate(
      { action, ids },
      {
        onSuccess: (result) => {
          summarize(action, result);
          onDone();
        },
        onError: (error) => toast.error(`Could not ${action} sessions`, { description: errorMessage(error) }),
      },
    );

  return (
    <div
      data-testid="bulk-actions"
      className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm"
    >
      <span className="font-medium">{ids.length} selected</span>
      <span className="mx-1 h-4 w-px bg-border" />
      <Button size="sm" variant="outline" disabled={batch.isPending} onClick={() => run('start')}>
        <Play />
        Start
      </Button>
      <Button size="sm" variant="outline" disabled={batch.isPending} onClick={() => run('stop')}>
        <Square />
        Stop
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        <X />
        Clear selection
      </Button>
    </div>
  );
}
