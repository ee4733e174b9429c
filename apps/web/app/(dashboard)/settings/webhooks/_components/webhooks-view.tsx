'use client';

import type { WebhookWithSecret } from '@fleetwright/contracts';
import { Plus, Webhook as WebhookIcon } from 'lucide-react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useCan } from '@/lib/api/accounts';
import { useWebhooks } from '@/lib/api/webhooks';
import { NewSecret } from './new-secret';
import { LastDelivery, WebhookStateBadge } from './status-badges';
import { WebhookFormDialog } from './webhook-form-dialog';

const COLUMNS = ['url', 'events', 'state', 'lastDelivery'] as const;
/** At 375 px the last delivery gives way to the URL; the webhook's page lists its deliveries. */
const WIDE_ONLY: ReadonlySet<(typeof COLUMNS)[number]> = new Set(['lastDelivery']);

/** The organization's webhooks; a new one's secret shows here, once, above the list. */
export function WebhooksView() {
  const t = useTranslations('webhooks.list');
  const canWrite = useCan('write');
  const webhooks = useWebhooks();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);

  return (
    <div className="space-y-3">
      {canWrite ? (
        <Button size="sm" onClick={() => setAdding(true)} data-testid="add-webhook">
          <Plus />
          {t('add')}
        </Button>
      ) : null}
      {created ? <NewSecret secret={created.secret} onDismiss={() => setCreated(null)} /> : null}
      <Card className="overflow-hidden">
        {webhooks.isPending ? (
          <Skeleton className="m-3 h-24" />
        ) : webhooks.isError ? (
          <ErrorState
            error={webhooks.error}
            title={t('loadFailed')}
            onRetry={() => void webhooks.refetch()}
          />
        ) : webhooks.data.length === 0 ? (
          <EmptyState icon={<WebhookIcon />} title={t('emptyTitle')} description={t('emptyDescription')} />
        ) : (
          <Table data-testid="webhooks-table">
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                {COLUMNS.map((column) => (
                  <TableHead
                    key={column}
                    className={WIDE_ONLY.has(column) ? 'hidden sm:table-cell' : undefined}
                  >
                    {t(`columns.${column}`)}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {webhooks.data.map((webhook) => (
                <TableRow key={webhook.id} data-testid={`webhook-row-${webhook.id}`} data-url={webhook.url}>
                  <TableCell className="max-w-72">
                    <Link
                      href={`/settings/webhooks/${webhook.id}`}
                      className="block truncate font-mono text-xs font-medium underline-offset-4 hover:underline"
                    >
                      {webhook.url}
                    </Link>
                    {webhook.description ? (
                      <span className="block truncate text-xs text-muted-foreground">
                        {webhook.description}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-xs" title={webhook.events.join(', ')}>
                    {t('eventCount', { count: webhook.events.length })}
                  </TableCell>
                  <TableCell>
                    <WebhookStateBadge webhook={webhook} />
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">
                    <LastDelivery lastDelivery={webhook.lastDelivery} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <WebhookFormDialog open={adding} onOpenChange={setAdding} webhook={null} onCreated={setCreated} />
    </div>
  );
}
