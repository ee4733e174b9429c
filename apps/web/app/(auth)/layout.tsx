import Link from 'next/link';
import type * as React from 'react';
import { DisplaySettingsMenu } from '@/components/layout/display-settings';
import { Logo } from '@/components/layout/logo';

/** Pages for people who are not signed in (or not yet set up): one narrow column, no sidebar. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col items-center bg-muted/40 px-4 py-8 sm:py-12">
      <div className="mb-6 flex w-full max-w-md items-center justify-between gap-2">
        <Link href="/" className="flex items-center gap-2">
          <Logo className="size-6" />
          <span className="text-base font-semibold tracking-tight">Fleetwright</span>
        </Link>
        <DisplaySettingsMenu />
      </div>
      <main className="w-full max-w-md">{children}</main>
    </div>
  );
}
