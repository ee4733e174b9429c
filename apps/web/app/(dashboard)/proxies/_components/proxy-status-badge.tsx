'use client';

import type { ProxyStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';

// Same hues as the session badges: green works, amber wobbles, red is down, slate is not known yet.
const STATUS_TONES: Record<ProxyStatus, BadgeTone> = {
  UNCHECKED: 'slate',
  HEALTHY: 'emerald',
  DEGRADED: 'amber',
  DOWN: 'red',
  BLACKLISTED: 'ink',
};

export function useProxyStatusLabel(): (status: ProxyStatus) => string {
  const t = useTranslations('proxyStatus');
  return (status) => t(status);
}

export function ProxyStatusBadge({ status, className }: { status: ProxyStatus; className?: string }) {
  const label = useProxyStatusLabel();
  return (
    <ToneBadge
      tone={STATUS_TONES[status] ?? 'slate'}
      className={className}
      data-testid="proxy-status-badge"
      data-status={status}
    >
      {label(status)}
    </ToneBadge>
  );
}
