'use client';

import { ShieldAlert } from 'lucide-react';
import type * as React from 'react';
import { EmptyState } from '@/components/common/error-state';
import { useIsPlatformAdmin } from '@/lib/api/accounts';

/**
 * Platform administration pages: only for users the platform made administrators (the first
 * account, and whom it promotes). The server answers 403 to everyone else anyway.
 */
export function RequirePlatformAdmin({ children }: { children: React.ReactNode }) {
  if (useIsPlatformAdmin()) return children;
  return (
    <EmptyState
      icon={<ShieldAlert />}
      title="Only platform administrators can use this page"
      description="It concerns every organization on this server, not just yours."
    />
  );
}
