import type * as React from 'react';
import { AppSidebar } from '@/components/layout/app-sidebar';
import { LiveSync } from './live-sync';

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-svh">
      <AppSidebar />
      <LiveSync />
      <main className="min-w-0 flex-1">
        <div className="mx-auto w-full max-w-[1400px] px-6 py-5">{children}</div>
      </main>
    </div>
  );
}
