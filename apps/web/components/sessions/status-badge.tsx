'use client';

import type { SessionStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';

const STATUS_TONES: Record<SessionStatus, { tone: BadgeTone; pulse?: boolean }> = {
  PENDING: { tone: 'slate' },
  STARTING: { tone: 'sky', pulse: true },
  RUNNING: { tone: 'emerald' },
  STOPPING: { tone: 'amber', pulse: true },
  STOPPED: { tone: 'zinc' },
  ERROR: { tone: 'red' },
};

/** A session status in the dashboard's language ("Running", "Em execução", "En ejecución"). */
export function useStatusLabel(): (status: SessionStatus) => string {
  const t = useTranslations('sessionStatus');
  return (status) => t(status);
}

export function StatusBadge({ status, className }: { status: SessionStatus; className?: string }) {
  const label = useStatusLabel();
  const known = status in STATUS_TONES ? status : 'PENDING';
  const { tone, pulse } = STATUS_TONES[known];
  return (
    <ToneBadge
      tone={tone}
      pulse={pulse}
      className={className}
      data-testid="status-badge"
      data-status={status}
    >
      {label(known)}
    </ToneBadge>
  );
}
