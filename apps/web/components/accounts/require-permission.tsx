'use client';

import type { Permission } from '@fleetwright/contracts';
import { ShieldAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type * as React from 'react';
import { EmptyState } from '@/components/common/error-state';
import { useCan, useUserSession } from '@/lib/api/accounts';

/** A page (or part) that the caller's role does not allow shows why instead of failing calls. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: React.ReactNode;
}) {
  const t = useTranslations('permissions');
  const roles = useTranslations('roles');
  const allowed = useCan(permission);
  const { role } = useUserSession();
  if (allowed) return children;
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title={t(`only.${permission}`)}
      description={t('yourRole', { role: role ? roles(role) : t('noRole') })}
    />
  );
}
