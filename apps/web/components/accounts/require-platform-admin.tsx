'use client';

import { ShieldAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { EmptyState } from '@/components/common/error-state';
import { useIsPlatformAdmin } from '@/lib/api/accounts';

/**
 * Platform administration pages: only for users the platform made administrators (the first
 * account, and whom it promotes). The server answers 403 to everyone else anyway.
 */
export function RequirePlatformAdmin({ children }: { children: React.ReactNode }) {
  const t = useTranslations('permissions');
  if (useIsPlatformAdmin()) return children;
  return (
    <EmptyState icon={<ShieldAlert />} title={t('onlyPlatformAdmins')} description={t('platformAdminsWhy')} />
  );
}
