'use client';

import type { WebhookAttempt, WebhookDeliveryDetail } from '@fleetwright/contracts';
import { RotateCcw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { useCan } from '@/lib/api/accounts';
import { errorMessage } from '@/lib/api/client';
import { useRedeliver, useWebhookDelivery } from '@/lib/api/webhooks';
import { useFormat } from '@/lib/hooks/use-format';
import { DeliveryStatusBadge } from './status-badges';

/** One delivery in a drawer at the right: the body as sent, every attempt, and redeliver. */
export function DeliverySheet({
  webhookId,
  deliveryId,
  onClose,
}: {
  webhookId: string;
  deliveryId: string | null;
  onClose: () => void;
}) {
  const t = useTranslations('webhooks.delivery');
  const delivery = useWebhookDelivery(webhookId, deliveryId);
  return (
    <Sheet open={deliveryId !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <SheetContent
        side="right"
        data-testid="delivery-sheet"
        aria-describedby={undefined}
        className="w-full max-w-full overflow-y-auto bg-background text-foreground sm:w-[34rem] sm:max-w-[34rem]"
      >
        <div className="grid gap-4 p-4 pr-10">
          <SheetTitle className="text-base font-semibold">{t('title')}</SheetTitle>
          {delivery.isPending ? (
            <Skeleton className="h-40" />
          ) : delivery.isError ? (
            <ErrorState
              error={delivery.error}
              title={t('loadFailed')}
              onRetry={() => void delivery.refetch()}
            />
          ) : (
            <DeliveryDetails webhookId={webhookId} delivery={delivery.data} />
          )}
        </div>
      </SheetContent>
    </Sheet>
  );
}

function DeliveryDetails({ webhookId, delivery }: { webhookId: string; delivery: WebhookDeliveryDetail }) {
  const t = useTranslations('webhooks.delivery');
  const format = useFormat();
  const canWrite = useCan('write');
  const redeliver = useRedeliver();
  const facts: Array<[string, string]> = [
    [t('event'), delivery.event],
    [t('id'), delivery.id],
    [t('created'), format.dateTime(delivery.createdAt)],
    [t('delivered'), format.dateTime(delivery.deliveredAt, t('notDelivered'))],
  ];
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <DeliveryStatusBadge status={delivery.status} />
        {canWrite ? (
          <Button
            size="sm"
            variant="outline"
            data-testid="redeliver"
            disabled={redeliver.isPending || delivery.status === 'PENDING'}
            onClick={() =>
              redeliver.mutate(
                { id: webhookId, deliveryId: delivery.id },
                {
                  onSuccess: () => toast.success(t('redelivered')),
                  onError: (error) => toast.error(t('redeliverFailed'), { description: errorMessage(error) }),
                },
              )
            }
          >
            <RotateCcw />
            {t('redeliver')}
          </Button>
        ) : null}
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="break-all font-mono text-xs leading-5">{value}</dd>
          </div>
        ))}
      </dl>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">{t('attempts', { count: delivery.attemptLog.length })}</h3>
        {delivery.attemptLog.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t('noAttempts')}</p>
        ) : (
          <ol className="grid gap-2" data-testid="delivery-attempts-log">
            {delivery.attemptLog.map((attempt, index) => (
              <AttemptItem key={attempt.at} attempt={attempt} number={index + 1} />
            ))}
          </ol>
        )}
      </section>
      <section className="grid gap-2">
        <h3 className="text-sm font-medium">{t('payload')}</h3>
        <pre
          data-testid="delivery-payload"
          className="max-h-80 overflow-auto rounded-md border bg-muted/40 p-2 font-mono text-xs"
        >
          {JSON.stringify(delivery.payload, null, 2)}
        </pre>
      </section>
    </>
  );
}

function AttemptItem({ attempt, number }: { attempt: WebhookAttempt; number: number }) {
  const t = useTranslations('webhooks.delivery');
  const format = useFormat();
  const succeeded = attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  return (
    <li className="grid gap-1 rounded-md border p-2 text-xs" data-testid="delivery-attempt">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{t('attemptNumber', { number })}</span>
        <span
          className={
            succeeded ? 'font-mono text-emerald-700 dark:text-emerald-400' : 'font-mono text-destructive'
          }
          data-testid="attempt-status"
        >
          {attempt.statusCode ?? t('noResponse')}
        </span>
        <span className="text-muted-foreground">{t('duration', { ms: attempt.durationMs })}</span>
        <span className="text-muted-foreground">{format.dateTime(attempt.at)}</span>
      </div>
      {attempt.error ? <p className="break-all text-destructive">{attempt.error}</p> : null}
      {attempt.responseExcerpt ? (
        <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-muted/40 p-1.5 font-mono">
          {attempt.responseExcerpt}
        </pre>
      ) : null}
    </li>
  );
}
