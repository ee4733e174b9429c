'use client';

import type { ExecutionStatus } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { type BadgeTone, ToneBadge } from '@/components/common/tone-badge';

const STATUS_TONES: Record<ExecutionStatus, { tone: BadgeTone; pulse?: boolean }> = {
  QUEUED: { tone: 'slate' },
  RUNNING: { tone: 'sky', pulse: true },
  SUCCEEDED: { tone: 'emerald' },
  FAILED: { tone: 'red' },
  CANCELLED: { tone: 'zinc' },
};

/** An execution's status in the dashboard's language, in the tones of the other status badges. */
export function ExecutionStatusBadge({ status, className }: { status: ExecutionStatus; className?: string }) {
  const t = useTranslations('executionStatus');
  const known = status in STATUS_TONES ? status : 'QUEUED';
  const { tone, pulse } = STATUS_TONES[known];
  return (
    <ToneBadge
      tone={tone}
      pulse={pulse}
      className={className}
      data-testid="execution-status-badge"
      data-status={status}
    >
      {t(known)}
    </ToneBadge>
  );
}
