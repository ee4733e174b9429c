import type * as React from 'react';
import { PreferencesSync } from '@/components/accounts/preferences-sync';
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
        <PreferencesSync />
        <div className="min-w-0 flex-1">
          <AppHeader />
          <main>
            <div className="mx-auto w-full max-w-[1400px] px-3 py-4 sm:px-6 sm:py-5">{children}</div>
          </main>
        </div>
      </div>
    </UserSessionGate>
  );
}
