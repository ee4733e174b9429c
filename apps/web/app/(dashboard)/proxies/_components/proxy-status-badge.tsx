'use client';

import type { ProxyStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils';

// Same hues as the session badges: green works, amber wobbles, red is down, slate is not known yet.
const STATUS_STYLES: Record<ProxyStatus, { badge: string; dot: string }> = {
  UNCHECKED: {
    badge:
      'border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300',
    dot: 'bg-slate-400',
  },
  HEALTHY: {
    badge:
      'border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    dot: 'bg-emerald-500',
  },
  DEGRADED: {
    badge:
      'border-amber-200 bg-amber-50 text-amber-700 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300',
    dot: 'bg-amber-500',
  },
  DOWN: {
    badge: 'border-red-200 bg-red-50 text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
    dot: 'bg-red-500',
  },
  BLACKLISTED: {
    badge:
      'border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200',
    dot: 'bg-zinc-900 dark:bg-zinc-100',
  },
};

export function useProxyStatusLabel(): (status: ProxyStatus) => string {
  const t = useTranslations('proxyStatus');
  return (status) => t(status);
}

export function ProxyStatusBadge({ status, className }: { status: ProxyStatus; className?: string }) {
  const label = useProxyStatusLabel();
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.UNCHECKED;
  return (
    <span
      data-testid="proxy-status-badge"
      data-status={status}
      className={cn(
        'inline-flex w-fit items-center gap-1.5 whitespace-nowrap rounded-md border px-1.5 py-0.5 text-xs font-medium',
        style.badge,
        className,
      )}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', style.dot)} />
      {label(status)}
    </span>
  );
}
