import type * as React from 'react';
import { UserSessionGate } from '@/components/accounts/user-session-gate';
import { AppHeader } from '@/components/layout/app-header';
import { AppSidebar } from '@/components/layout/app-sidebar';
import { LiveSync } from './live-sync';

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <UserSessionGate>
      <div className="flex min-h-svh">
        <AppSidebar />
        <LiveSync />
        <div className="min-w-0 flex-1">
          <AppHeader />
          <main>
            <div className="mx-auto w-full max-w-[1400px] px-6 py-5">{children}</div>
          </main>
        </div>
      </div>
    </UserSessionGate>
  );
}
