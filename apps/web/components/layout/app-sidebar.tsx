'use client';

import {
  BellRing,
  Building,
  Building2,
  CalendarClock,
  Cookie,
  FileCode,
  History,
  KeyRound,
  LockKeyhole,
  type LucideIcon,
  Mails,
  MonitorPlay,
  Network,
  ScrollText,
  Server,
  Store,
  UserRound,
  Users,
  Webhook,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCan, useIsPlatformAdmin } from '@/lib/api/accounts';
import { useSocketState } from '@/lib/socket';
import { cn } from '@/lib/utils';
import { Logo } from './logo';

type NavLabel =
  | 'sessions'
  | 'proxies'
  | 'scripts'
  | 'marketplace'
  | 'jobs'
  | 'executions'
  | 'profile'
  | 'organization'
  | 'members'
  | 'apiKeys'
  | 'auditLog'
  | 'webhooks'
  | 'notifications'
  | 'secrets'
  | 'profiles'
  | 'organizations'
  | 'mailOutbox'
  | 'workers';

interface NavItem {
  href: string;
  /** Its name under `nav` in the messages. */
  label: NavLabel;
  icon: LucideIcon;
  /** Not built yet: shown so the shape of the product is visible, but not a link. */
  disabled?: boolean;
  /** Shown only to callers whose role grants it (the pages check again). */
  permission?: 'admin';
}

const NAV_ITEMS: NavItem[] = [
  { href: '/sessions', label: 'sessions', icon: MonitorPlay },
  { href: '/profiles', label: 'profiles', icon: Cookie },
  { href: '/proxies', label: 'proxies', icon: Network },
  { href: '/scripts', label: 'scripts', icon: FileCode },
  { href: '/marketplace', label: 'marketplace', icon: Store },
  { href: '/jobs', label: 'jobs', icon: CalendarClock },
  { href: '/executions', label: 'executions', icon: History },
];

const SETTINGS_ITEMS: NavItem[] = [
  { href: '/settings/profile', label: 'profile', icon: UserRound },
  { href: '/settings/organization', label: 'organization', icon: Building2 },
  { href: '/settings/members', label: 'members', icon: Users, permission: 'admin' },
  { href: '/settings/api-keys', label: 'apiKeys', icon: KeyRound, permission: 'admin' },
  { href: '/settings/audit-log', label: 'auditLog', icon: ScrollText, permission: 'admin' },
  { href: '/settings/webhooks', label: 'webhooks', icon: Webhook },
  { href: '/settings/notifications', label: 'notifications', icon: BellRing },
  { href: '/settings/secrets', label: 'secrets', icon: LockKeyhole },
];

/**
 * Platform administrators only (`/me`'s user.isAdmin): the whole server rather than one
 * organization. Workers are here because hosts and load are not tenant data.
 */
const ADMINISTRATION_ITEMS: NavItem[] = [
  { href: '/admin/organizations', label: 'organizations', icon: Building },
  { href: '/admin/outbox', label: 'mailOutbox', icon: Mails },
  { href: '/workers', label: 'workers', icon: Server },
];

/** The navigation column: fixed at the left from the md breakpoint; below it, MobileNav's drawer. */
export function AppSidebar() {
  return (
    <aside className="sticky top-0 hidden h-svh w-56 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground md:flex">
      <SidebarContent />
    </aside>
  );
}

/** Brand, links and the live-updates indicator; in the sidebar and in the mobile drawer. */
export function SidebarContent() {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const isAdmin = useCan('admin');
  const isPlatformAdmin = useIsPlatformAdmin();
  const settings = SETTINGS_ITEMS.filter((item) => item.permission !== 'admin' || isAdmin);
  return (
    <>
      <div className="flex h-12 shrink-0 items-center gap-2 border-b px-4">
        <Logo />
        <span className="text-sm font-semibold tracking-tight">Fleetwright</span>
      </div>
      <nav aria-label={t('main')} className="flex flex-1 flex-col gap-0.5 overflow-y-auto p-2">
        {NAV_ITEMS.map((item) => (
          <NavLink key={item.href} item={item} pathname={pathname} />
        ))}
        <NavSection title={t('settings')} items={settings} pathname={pathname} />
        {isPlatformAdmin ? (
          <NavSection title={t('administration')} items={ADMINISTRATION_ITEMS} pathname={pathname} />
        ) : null}
      </nav>
      <div className="border-t p-3">
        <ConnectionIndicator />
      </div>
    </>
  );
}

function NavSection({ title, items, pathname }: { title: string; items: NavItem[]; pathname: string }) {
  return (
    <>
      <p className="mt-4 px-2 pb-1 text-[11px] font-medium uppercase tracking-wide text-muted-foreground">
        {title}
      </p>
      {items.map((item) => (
        <NavLink key={item.href} item={item} pathname={pathname} />
      ))}
    </>
  );
}

function NavLink({ item, pathname }: { item: NavItem; pathname: string }) {
  const t = useTranslations('nav');
  const Icon = item.icon;
  if (item.disabled) {
    return (
      <span
        aria-disabled="true"
        title={t('comingSoon')}
        className="flex h-8 cursor-not-allowed items-center gap-2 rounded-md px-2 text-sm text-muted-foreground/70"
      >
        <Icon className="size-4" />
        {t(item.label)}
        <span className="ml-auto rounded border px-1 text-[10px] uppercase tracking-wide">{t('soon')}</span>
      </span>
    );
  }
  const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
  return (
    <Link
      href={item.href}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'flex h-8 items-center gap-2 rounded-md px-2 text-sm transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground',
        active ? 'bg-sidebar-accent font-medium text-sidebar-accent-foreground' : 'text-muted-foreground',
      )}
    >
      <Icon className="size-4" />
      {t(item.label)}
    </Link>
  );
}

function ConnectionIndicator() {
  const t = useTranslations('nav.connection');
  const state = useSocketState();
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
      <span className="text-muted-foreground">{t(state)}</span>
    </div>
  );
}
