'use client';

import type { Permission } from '@fleetwright/contracts';
import { ShieldAlert } from 'lucide-react';
import type * as React from 'react';
import { EmptyState } from '@/components/common/error-state';
import { useCan, useUserSession } from '@/lib/api/accounts';

const WHO: Record<Permission, string> = {
  read: 'members',
  write: 'members with the USER or ADMIN role',
  admin: 'administrators',
};

/** A page (or part) that the caller's role does not allow shows why instead of failing calls. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: React.ReactNode;
}) {
  const allowed = useCan(permission);
  const { role } = useUserSession();
  if (allowed) return children;
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title={`Only ${WHO[permission]} can use this page`}
      description={`Your role in this organization is ${role ?? 'none'}. Ask an administrator if you need more.`}
    />
  );
}
