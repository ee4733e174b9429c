'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';

/** 🇩🇪 from DE: two regional-indicator symbols, which the system's emoji font draws as the flag. */
export function flagEmoji(country: string): string {
  return [...country.toUpperCase()]
    .map((letter) => String.fromCodePoint(0x1f1a5 + letter.charCodeAt(0)))
    .join('');
}

/**
 * A country as a flag and its code, named in the reader's language on hover. The flag is the
 * regional-indicator emoji rather than flag-icons' SVGs: no stylesheet or 250 images in the bundle
 * for a glyph the platform already has (where a system draws no flags, the code still says it).
 */
export function ProxyCountry({ country, className }: { country: string | null; className?: string }) {
  const locale = useLocale();
  const name = useMemo(() => {
    if (!country) return null;
    try {
      return new Intl.DisplayNames([locale], { type: 'region' }).of(country.toUpperCase()) ?? country;
    } catch {
      return country;
    }
  }, [country, locale]);
  if (!country) return null;
  return (
    <span className={className} title={name ?? undefined} data-testid="proxy-country">
      <span aria-hidden="true">{flagEmoji(country)}</span>{' '}
      <span className="font-mono">{country.toUpperCase()}</span>
    </span>
  );
}
