'use client';

import type { SessionStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils';

// Each status keeps its hue in both themes; the dark variants darken the fill and lighten the text.
const STATUS_STYLES: Record<SessionStatus, { badge: string; dot: string }> = {
  PENDING: {
    badge:
      'border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300',
    dot: 'bg-slate-400',
  },
  STARTING: {
    badge: 'border-sky-200 bg-sky-50 text-sky-700 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-300',
    dot: 'bg-sky-500 animate-pulse',
  },
  RUNNING: {
    badge:
      'border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
    dot: 'bg-emerald-500',
  },
  STOPPING: {
    badge:
      'border-amber-200 bg-amber-50 text-amber-700 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-300',
    dot: 'bg-amber-500 animate-pulse',
  },
  STOPPED: {
    badge:
      'border-zinc-200 bg-zinc-100 text-zinc-600 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
    dot: 'bg-zinc-400',
  },
  ERROR: {
    badge: 'border-red-200 bg-red-50 text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300',
    dot: 'bg-red-500',
  },
};

/** A session status in the dashboard's language ("Running", "Em execução", "En ejecución"). */
export function useStatusLabel(): (status: SessionStatus) => string {
  const t = useTranslations('sessionStatus');
  return (status) => t(status);
}

export function StatusBadge({ status, className }: { status: SessionStatus; className?: string }) {
  const label = useStatusLabel();
  const style = STATUS_STYLES[status] ?? STATUS_STYLES.PENDING;
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={cn(
        'inline-flex w-fit items-center gap-1.5 whitespace-nowrap rounded-md border px-1.5 py-0.5 text-xs font-medium',
        style.badge,
        className,
      )}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', style.dot)} />
      {label(status in STATUS_STYLES ? status : 'PENDING')}
    </span>
  );
}
