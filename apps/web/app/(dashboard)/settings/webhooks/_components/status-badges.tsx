'use client';

import type { Webhook, WebhookDeliveryStatus, WebhookLastDelivery } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';
import { useFormat } from '@/lib/hooks/use-format';

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

/** How the webhook's last delivery went: its status, the HTTP status and when, as the list answers it. */
export function LastDelivery({ lastDelivery }: { lastDelivery: WebhookLastDelivery | null }) {
  const t = useTranslations('webhooks.list');
  const format = useFormat();
  if (lastDelivery === null) return <span className="text-xs text-muted-foreground">{t('noDelivery')}</span>;
  return (
    <span
      className="flex flex-wrap items-center gap-1.5"
      data-testid="last-delivery"
      title={t('lastDeliveryTitle', { event: lastDelivery.event, time: format.dateTime(lastDelivery.at) })}
    >
      <DeliveryStatusBadge status={lastDelivery.status} />
      {lastDelivery.statusCode !== null ? (
        <span className="font-mono text-xs text-muted-foreground" data-testid="last-delivery-code">
          {lastDelivery.statusCode}
        </span>
      ) : null}
      <time dateTime={lastDelivery.at} className="text-xs text-muted-foreground">
        {format.relativeTime(lastDelivery.at)}
      </time>
    </span>
  );
}
