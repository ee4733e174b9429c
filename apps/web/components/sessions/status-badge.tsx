import type { SessionStatus } from '@fleetwright/contracts';
import { cn } from '@/lib/utils';

const STATUS_STYLES: Record<SessionStatus, { label: string; badge: string; dot: string }> = {
  PENDING: { label: 'Pending', badge: 'border-slate-200 bg-slate-50 text-slate-700', dot: 'bg-slate-400' },
  STARTING: {
    label: 'Starting',
    badge: 'border-sky-200 bg-sky-50 text-sky-700',
    dot: 'bg-sky-500 animate-pulse',
  },
  RUNNING: {
    label: 'Running',
    badge: 'border-emerald-200 bg-emerald-50 text-emerald-700',
    dot: 'bg-emerald-500',
  },
  STOPPING: {
    label: 'Stopping',
    badge: 'border-amber-200 bg-amber-50 text-amber-700',
    dot: 'bg-amber-500 animate-pulse',
  },
  STOPPED: { label: 'Stopped', badge: 'border-zinc-200 bg-zinc-100 text-zinc-600', dot: 'bg-zinc-400' },
  ERROR: { label: 'Error', badge: 'border-red-200 bg-red-50 text-red-700', dot: 'bg-red-500' },
};

export function statusLabel(status: SessionStatus): string {
  return STATUS_STYLES[status].label;
}

export function StatusBadge({ status, className }: { status: SessionStatus; className?: string }) {
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
      {style.label}
    </span>
  );
}
