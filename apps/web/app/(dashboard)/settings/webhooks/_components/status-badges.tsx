'use client';

import type { Webhook, WebhookDeliveryStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';
import { useLatestWebhookDelivery } from '@/lib/api/webhooks';

const DELIVERY_TONES: Record<WebhookDeliveryStatus, BadgeTone> = {
  PENDING: 'sky',
  DELIVERED: 'emerald',
  FAILED: 'red',
};

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  const t = useTranslations('webhooks.deliveryStatus');
  return (
    <ToneBadge tone={DELIVERY_TONES[status]} pulse={status === 'PENDING'} data-status={status}>
      {t(status)}
    </ToneBadge>
  );
}

/**
 * Enabled, or disabled with why: a reason means the platform turned it off after failures in a
 * row (red); none means someone did by hand (zinc).
 */
export function WebhookStateBadge({ webhook }: { webhook: Webhook }) {
  const t = useTranslations('webhooks.state');
  if (webhook.enabled) {
    return (
      <ToneBadge tone="emerald" data-status="enabled">
        {t('enabled')}
      </ToneBadge>
    );
  }
  return (
    <span className="grid gap-1">
      <ToneBadge tone={webhook.disabledReason ? 'red' : 'zinc'} data-status="disabled">
        {t('disabled')}
      </ToneBadge>
      {webhook.disabledReason ? (
        <span className="text-xs text-muted-foreground" data-testid="disabled-reason">
          {webhook.disabledReason}
        </span>
      ) : null}
    </span>
  );
}

/**
 * The newest delivery's status and code. The webhook itself does not carry it, so each row asks
 * for one delivery: an organization has a handful of webhooks.
 */
export function LastDelivery({ webhookId }: { webhookId: string }) {
  const t = useTranslations('webhooks.list');
  const latest = useLatestWebhookDelivery(webhookId);
  if (latest.data === undefined) return <span className="text-xs text-muted-foreground">…</span>;
  if (latest.data === null) return <span className="text-xs text-muted-foreground">{t('noDelivery')}</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5" data-testid="last-delivery">
      <DeliveryStatusBadge status={latest.data.status} />
      {latest.data.lastStatusCode !== null ? (
        <span className="font-mono text-xs text-muted-foreground">{latest.data.lastStatusCode}</span>
      ) : null}
    </span>
  );
}
