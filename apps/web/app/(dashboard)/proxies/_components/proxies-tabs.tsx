'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/utils';

const TABS = [
  { href: '/proxies', label: 'pool' },
  { href: '/proxies/providers', label: 'providers' },
] as const;

/** The pool and the provider entries: two pages under one heading, switched like tabs. */
export function ProxiesTabs() {
  const t = useTranslations('proxies.tabs');
  const pathname = usePathname();
  return (
    <nav
      aria-label={t('label')}
      className="inline-flex h-8 w-fit items-center rounded-lg bg-muted p-[3px] text-muted-foreground"
    >
      {TABS.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'inline-flex h-full items-center rounded-md px-3 text-sm font-medium',
              active && 'bg-background text-foreground shadow-sm',
            )}
          >
            {t(tab.label)}
          </Link>
        );
      })}
    </nav>
  );
}
