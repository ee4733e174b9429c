'use client';

import type { Permission } from '@fleetwright/contracts';
import type * as React from 'react';
import { useCan } from '@/lib/api/accounts';

/**
 * Renders its children only when the caller's role grants `permission`: a VIEWER sees no
 * create / start / stop buttons. The API checks again; this only keeps dead ends off the screen.
 */
export function Can({
  permission,
  fallback = null,
  children,
}: {
  permission: Permission;
  fallback?: React.ReactNode;
  children: React.ReactNode;
}) {
  return useCan(permission) ? children : fallback;
}
