'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import { cn } from '@/lib/utils';

/**
 * The flag of an ISO 3166-1 alpha-2 code as regional-indicator emoji: no images or CSS to ship.
 * Systems without flag glyphs (Windows) show the two letters instead, which still read.
 */
export function flagOf(country: string): string {
  return String.fromCodePoint(...[...country.toUpperCase()].map((char) => 0x1f1e6 + char.charCodeAt(0) - 65));
}

/** Country names in the dashboard's language, from the browser's own data. */
export function useCountryName(): (country: string) => string {
  const locale = useLocale();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    return (country: string) => {
      try {
        return names.of(country.toUpperCase()) ?? country;
      } catch {
        return country;
      }
    };
  }, [locale]);
}

export function Country({ code, className }: { code: string | null; className?: string }) {
  const nameOf = useCountryName();
  if (!code) return <span className="text-muted-foreground">—</span>;
  return (
    <span
      className={cn('inline-flex items-center gap-1.5 whitespace-nowrap', className)}
      title={nameOf(code)}
    >
      <span aria-hidden>{flagOf(code)}</span>
      <span className="font-mono text-xs">{code.toUpperCase()}</span>
    </span>
  );
}
