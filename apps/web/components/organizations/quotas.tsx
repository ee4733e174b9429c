import type { OrganizationPlan, QuotaName } from '@fleetwright/contracts';
import { cn } from '@/lib/utils';

/** What each quota counts, in words; `quotaNames` in the contracts gives the order. */
export const QUOTA_LABELS: Record<QuotaName, string> = {
  concurrentSessions: 'Concurrent sessions',
  proxies: 'Proxies',
  jobs: 'Jobs',
  apiRequestsPerMinute: 'API requests per minute',
};

const PLAN_STYLES: Record<OrganizationPlan, string> = {
  FREE: 'border-zinc-200 bg-zinc-100 text-zinc-700',
  PRO: 'border-sky-200 bg-sky-50 text-sky-700',
  ENTERPRISE: 'border-violet-200 bg-violet-50 text-violet-700',
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
