'use client';

import { Building2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorState } from '@/components/common/error-state';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { useUserSession } from '@/lib/api/accounts';
import { useAdminOrganizations } from '@/lib/api/admin';
import { OrganizationPlanForm } from './organization-plan-form';

export function OrganizationsAdmin() {
  const t = useTranslations('adminOrganizations');
  const { organization } = useUserSession();
  const organizations = useAdminOrganizations();
  if (organizations.isPending) {
    return (
      <Card className="gap-3 p-4" aria-busy="true">
        <Skeleton className="h-5 w-48" />
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
      </Card>
    );
  }
  if (organizations.isError) {
    return (
      <Card>
        <ErrorState
          error={organizations.error}
          title={t('loadFailed')}
          onRetry={() => void organizations.refetch()}
        />
      </Card>
    );
  }
  if (organizations.data.length === 0) {
    return (
      <Card>
        <EmptyState icon={<Building2 />} title={t('empty')} />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      {organizations.data.map((item) => (
        <OrganizationPlanForm key={item.id} organization={item} current={item.id === organization?.id} />
      ))}
    </div>
  );
}
