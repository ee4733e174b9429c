'use client';

import type { OrganizationPlan, QuotaName } from '@fleetwright/contracts';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils';

/** What each quota counts, in words; `quotaNames` in the contracts gives the order. */
export function useQuotaLabel(): (quota: QuotaName) => string {
  const t = useTranslations('quotas');
  return (quota) => t(quota);
}

const PLAN_STYLES: Record<OrganizationPlan, string> = {
  FREE: 'border-zinc-200 bg-zinc-100 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  PRO: 'border-sky-200 bg-sky-50 text-sky-700 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-300',
  ENTERPRISE:
    'border-violet-200 bg-violet-50 text-violet-700 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-300',
};

export function PlanBadge({ plan, className }: { plan: OrganizationPlan; className?: string }) {
  return (
    <span
      data-testid="plan-badge"
      data-plan={plan}
      className={cn(
        'inline-flex w-fit items-center rounded-md border px-1.5 py-0.5 font-mono text-xs font-medium',
        PLAN_STYLES[plan],
        className,
      )}
    >
      {plan}
    </span>
  );
}
