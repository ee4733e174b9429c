'use client';

import { useTranslations } from 'next-intl';
import { ErrorState } from '@/components/common/error-state';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useOrganizationSettings } from '@/lib/api/organizations';
import { OrganizationSummary } from './organization-summary';
import { PrivateTargetsCard } from './private-targets-card';
import { TargetPolicyForm } from './target-policy-form';

export function OrganizationView() {
  const t = useTranslations('organization');
  const settings = useOrganizationSettings();
  if (settings.isPending) return <OrganizationSkeleton />;
  if (settings.isError) {
    return (
      <Card>
        <ErrorState error={settings.error} title={t('loadFailed')} onRetry={() => void settings.refetch()} />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      <OrganizationSummary settings={settings.data} />
      <TargetPolicyForm policy={settings.data.targetPolicy} />
      <PrivateTargetsCard privateTargets={settings.data.privateTargets} />
    </div>
  );
}

function OrganizationSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true">
      <Card className="gap-3 p-4">
        <Skeleton className="h-5 w-48" />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
          <Skeleton className="h-14" />
        </div>
      </Card>
      <Card className="gap-3 p-4">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-24 w-full" />
      </Card>
    </div>
  );
}
