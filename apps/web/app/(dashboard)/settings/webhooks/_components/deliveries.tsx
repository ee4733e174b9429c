'use client';

import {
  WEBHOOK_PING_EVENT,
  type WebhookDeliveryStatus,
  webhookDeliveryStatuses,
  webhookEventNames,
} from '@fleetwright/contracts';
import { Inbox } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Pagination } from '@/components/common/pagination';
import { Card } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { WebhookDeliveryListParams } from '@/lib/api/query-keys';
import { useWebhookDeliveries } from '@/lib/api/webhooks';
import { useFormat } from '@/lib/hooks/use-format';
import { DeliverySheet } from './delivery-sheet';
import { DeliveryStatusBadge } from './status-badges';

const PAGE_SIZES = [20, 50, 100] as const;
const COLUMNS = ['status', 'event', 'attempts', 'code', 'time'] as const;
/** What a webhook can have been sent: the catalogue and the test ping. */
const EVENTS = [...webhookEventNames, WEBHOOK_PING_EVENT];

/** A webhook's deliveries, newest first, by status or event; a row opens its attempts. */
export function Deliveries({ webhookId }: { webhookId: string }) {
  const t = useTranslations('webhooks.deliveries');
  const format = useFormat();
  const [params, setParams] = useState<WebhookDeliveryListParams>({ page: 1, pageSize: PAGE_SIZES[0] });
  const [openId, setOpenId] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries(webhookId, params);
  // A filter change starts again from the first page.
  const filter = (change: Partial<WebhookDeliveryListParams>) =>
    setParams((current) => ({ ...current, ...change, page: 1 }));

  return (
    <section className="space-y-3" aria-labelledby="deliveries-title">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="deliveries-title" className="text-base font-semibold">
          {t('title')}
        </h2>
        <div className="flex w-full flex-wrap gap-2 sm:w-auto">
          <NativeSelect
            aria-label={t('statusFilter')}
            className="sm:w-40"
            data-testid="deliveries-status-filter"
            value={params.status ?? ''}
            onChange={(event) =>
              filter({ status: (event.target.value || undefined) as WebhookDeliveryStatus | undefined })
            }
          >
            <option value="">{t('anyStatus')}</option>
            {webhookDeliveryStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            aria-label={t('eventFilter')}
            className="sm:w-48"
            data-testid="deliveries-event-filter"
            value={params.event ?? ''}
            onChange={(event) => filter({ event: event.target.value || undefined })}
          >
            <option value="">{t('anyEvent')}</option>
            {EVENTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <Card className="overflow-hidden">
        {deliveries.isPending ? (
          <Skeleton className="m-3 h-24" />
        ) : deliveries.isError ? (
          <ErrorState
            error={deliveries.error}
            title={t('loadFailed')}
            onRetry={() => void deliveries.refetch()}
          />
        ) : deliveries.data.items.length === 0 ? (
          <EmptyState icon={<Inbox />} title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <>
            <Table data-testid="deliveries-table">
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  {COLUMNS.map((column) => (
                    <TableHead key={column}>{t(`columns.${column}`)}</TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.data.items.map((delivery) => (
                  <TableRow
                    key={delivery.id}
                    data-testid={`delivery-row-${delivery.id}`}
                    data-event={delivery.event}
                    className="cursor-pointer"
                    onClick={() => setOpenId(delivery.id)}
                  >
                    <TableCell>
                      <button
                        type="button"
                        className="rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                        aria-label={t('open', { event: delivery.event })}
                        onClick={() => setOpenId(delivery.id)}
                      >
                        <DeliveryStatusBadge status={delivery.status} />
                      </button>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{delivery.event}</TableCell>
                    <TableCell className="text-xs" data-testid="delivery-attempts">
                      {delivery.attempts}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{delivery.lastStatusCode ?? '—'}</TableCell>
                    <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
                      {format.dateTime(delivery.createdAt)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className="border-t px-3 py-2">
              <Pagination
                page={params.page}
                pageSize={params.pageSize}
                pageSizes={PAGE_SIZES}
                total={deliveries.data.total}
                onPageChange={(page) => setParams((current) => ({ ...current, page }))}
                onPageSizeChange={(pageSize) => setParams((current) => ({ ...current, pageSize, page: 1 }))}
              />
            </div>
          </>
        )}
      </Card>
      <DeliverySheet webhookId={webhookId} deliveryId={openId} onClose={() => setOpenId(null)} />
    </section>
  );
}
