'use client';

import { CalendarClock, FileCode, type LucideIcon, MonitorPlay, Network, Server } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSocketState } from '@/lib/socket';
import { cn } from '@/lib/utils';

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Not built yet: shown so the shape of the product is visible, but not a link. */
  disabled?: boolean;
}

const NAV_ITEMS: NavItem[] = [
  { href: '/instances', label: 'Sessions', icon: MonitorPlay },
  { href: '/workers', label: 'Workers', icon: Server },
  { href: '/proxies', label: 'Proxies', icon: Network, disabled: true },
  { href: '/scripts', label: 'Scripts', icon: FileCode, disabled: true },
  { href: '/jobs', label: 'Jobs', icon: CalendarClock, disabled: true },
];

export function AppSidebar() {
  const pathname = usePathname();
  return (
    <aside className="sticky top-0 flex h-svh w-56 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground">
      <div className="flex h-12 items-center gap-2 border-b px-4">
        <Logo />
        <span className="text-sm font-semibold tracking-tight">Fleetwright</span>
      </div>
      <nav aria-label="Main" className="flex flex-1 flex-col gap-0.5 p-2">
        {NAV_ITEMS.map((item) => {
          const Icon = item.icon;
          if (item.disabled) {
            return (
              <span
                key={item.href}
                aria-disabled="true"
                title="Coming soon"
                className="flex h-8 cursor-not-allowed items-center gap-2 rounded-md px-2 text-sm text-muted-foreground/70"
              >
                <Icon className="size-4" />
                {item.label}
                <span className="ml-auto rounded border px-1 text-[10px] uppercase tracking-wide">Soon</span>
              </span>
            );
          }
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <Link
              key={item.href}
              href={item.href}
              aria-current={active ? 'page' : undefined}
              className={cn(
                'flex h-8 items-center gap-2 rounded-md px-2 text-sm transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground',
                active
                  ? 'bg-sidebar-accent font-medium text-sidebar-accent-foreground'
                  : 'text-muted-foreground',
              )}
            >
              <Icon className="size-4" />
              {item.label}
            </Link>
          );
        })}
      </nav>
      <div className="border-t p-3">
        <ConnectionIndicator />
      </div>
    </aside>
  );
}

function ConnectionIndicator() {
  const state = useSocketState();
  const label = state === 'live' ? 'Live updates' : state === 'connecting' ? 'Connecting…' : 'Offline';
  return (
    <div data-testid="connection-state" data-state={state} className="flex items-center gap-2 text-xs">
      <span
        aria-hidden
        className={cn(
          'size-2 rounded-full',
          state === 'live' && 'bg-emerald-500',
          state === 'connecting' && 'animate-pulse bg-amber-500',
          state === 'offline' && 'bg-zinc-400',
        )}
      />
      <span className="text-muted-foreground">{label}</span>
    </div>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className="size-5" fill="none">
      <rect x="2" y="4" width="20" height="16" rx="3" className="fill-primary" />
      <path d="M6 9h12M6 13h8M6 17h5" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
