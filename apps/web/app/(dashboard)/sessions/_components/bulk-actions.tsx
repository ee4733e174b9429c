'use client';

import type { BatchResult } from '@fleetwright/contracts';
import { Play, Square, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api/client';
import { useBatchSessionAction } from '@/lib/api/sessions';

export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const t = useTranslations('sessions.bulk');
  const batch = useBatchSessionAction();
  const summarize = (action: 'start' | 'stop', { results }: BatchResult) => {
    const failed = results.filter((result) => !result.ok);
    const succeeded = results.length - failed.length;
    if (failed.length === 0) {
      toast.success(t(`${action}.done`, { count: succeeded }));
      return;
    }
    const first = failed[0];
    toast.warning(t(`${action}.partly`, { count: succeeded, failed: failed.length }), {
      description: first?.message ?? first?.code,
    });
  };
  const run = (action: 'start' | 'stop') =>
    batch.mutate(
      { action, ids },
      {
        onSuccess: (result) => {
          summarize(action, result);
          onDone();
        },
        onError: (error) => toast.error(t(`${action}.failed`), { description: errorMessage(error) }),
      },
    );

  return (
    <div
      data-testid="bulk-actions"
      className="flex flex-wrap items-center gap-2 rounded-md border bg-muted/40 px-3 py-1.5 text-sm"
    >
      <span className="font-medium">{t('selected', { count: ids.length })}</span>
      <span className="mx-1 h-4 w-px bg-border" />
      <Button size="sm" variant="outline" disabled={batch.isPending} onClick={() => run('start')}>
        <Play />
        {t('startButton')}
      </Button>
      <Button size="sm" variant="outline" disabled={batch.isPending} onClick={() => run('stop')}>
        <Square />
        {t('stopButton')}
      </Button>
      <Button size="sm" variant="ghost" className="ml-auto" onClick={onDone}>
        <X />
        {t('clearSelection')}
      </Button>
    </div>
  );
}
