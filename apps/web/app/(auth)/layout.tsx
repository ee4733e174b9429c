import Link from 'next/link';
import type * as React from 'react';
import { Logo } from '@/components/layout/logo';

/** Pages for people who are not signed in (or not yet set up): one narrow column, no sidebar. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-svh flex-col items-center bg-muted/40 px-4 py-12">
      <Link href="/" className="mb-6 flex items-center gap-2">
        <Logo className="size-6" />
        <span className="text-base font-semibold tracking-tight">Fleetwright</span>
      </Link>
      <main className="w-full max-w-md">{children}</main>
    </div>
  );
}
