'use client';

import type { ExecutionProgress } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';

/** Sessions finished out of all, as a bar (failed ones in red) and "3/4 · 1 failed". */
export function ExecutionProgressBar({ progress }: { progress: ExecutionProgress }) {
  const t = useTranslations('jobs.progress');
  const total = Math.max(progress.total, 1);
  const passed = Math.max(0, progress.done - progress.failed);
  return (
    <div
      className="grid gap-1"
      data-testid="execution-progress"
      data-done={progress.done}
      data-total={progress.total}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={progress.done}
      aria-label={t('label')}
    >
      <div className="flex h-1.5 w-full overflow-hidden rounded-full bg-muted">
        <div className="bg-emerald-500" style={{ width: `${(passed / total) * 100}%` }} />
        <div className="bg-red-500" style={{ width: `${(progress.failed / total) * 100}%` }} />
      </div>
      <span className="text-xs tabular-nums text-muted-foreground">
        {progress.failed > 0
          ? t('doneWithFailures', { done: progress.done, total: progress.total, failed: progress.failed })
          : t('done', { done: progress.done, total: progress.total })}
      </span>
    </div>
  );
}
