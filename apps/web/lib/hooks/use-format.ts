'use client';

import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import { formatClock, formatDate, formatDateTime, formatNumber, formatRelativeTime } from '@/lib/format';

/** The lib/format functions bound to the dashboard's active language. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      relativeTime: (iso: string | null | undefined, now?: number) => formatRelativeTime(locale, iso, now),
      dateTime: (iso: string | null | undefined, none?: string) => formatDateTime(locale, iso, none),
      date: (iso: string | null | undefined, none?: string) => formatDate(locale, iso, none),
      clock: (iso: string | number) => formatClock(locale, iso),
      number: (value: number, digits?: number) => formatNumber(locale, value, digits),
    }),
    [locale],
  );
}
