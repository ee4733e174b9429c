'use client';

import { LoaderCircle, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { isValidationFinished, useProxyValidation } from '@/lib/api/proxies';
import { cn } from '@/lib/utils';

/** The progress of one validation run: live from `proxy.validated` events, polled as a fallback. */
export function ValidationProgress({ id, onDismiss }: { id: string; onDismiss: () => void }) {
  const t = useTranslations('proxies.validation');
  const query = useProxyValidation(id);
  const run = query.data;
  if (!run) {
    return query.isError ? (
      <ErrorState error={query.error} title={t('loadFailed')} onRetry={() => void query.refetch()} />
    ) : null;
  }
  const finished = isValidationFinished(run);
  const share = run.total > 0 ? run.checked / run.total : finished ? 1 : 0;
  return (
    <div
      data-testid="validation-progress"
      data-status={run.status}
      className="grid gap-2 rounded-md border bg-muted/40 px-3 py-2 text-sm"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {finished ? null : <LoaderCircle className="size-4 animate-spin text-muted-foreground" />}
        <span className="font-medium">{t(`status.${run.status}`)}</span>
        <span className="tabular-nums text-muted-foreground">
          {t('counts', {
            checked: run.checked,
            total: run.total,
            succeeded: run.succeeded,
            failed: run.failed,
          })}
        </span>
        <Button size="sm" variant="ghost" className="ml-auto h-7" onClick={onDismiss}>
          <X />
          {t('dismiss')}
        </Button>
      </div>
      <div
        role="progressbar"
        aria-label={t('label')}
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.checked}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            'h-full transition-[width]',
            run.status === 'FAILED' ? 'bg-destructive' : 'bg-primary',
          )}
          style={{ width: `${Math.round(share * 100)}%` }}
        />
      </div>
      {run.error ? <p className="text-xs text-destructive">{run.error}</p> : null}
    </div>
  );
}
