'use client';

import type { Theme, UserPreferences } from '@fleetwright/contracts';
import { useRouter } from 'next/navigation';
import { useLocale } from 'next-intl';
import { useTheme } from 'next-themes';
import { useCallback, useTransition } from 'react';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from '@/i18n/locales';

/** Where next-themes keeps this device's theme (the user's saved one is copied here after /me). */
export const THEME_STORAGE_KEY = 'fw_theme';

/** The server renders in the cookie's language (i18n/request.ts); a refresh renders again. */
export function writeLocaleCookie(locale: Locale): void {
  // biome-ignore lint/suspicious/noDocumentCookie: one plain cookie; the Cookie Store API is not in every browser
  document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${LOCALE_COOKIE_MAX_AGE}; SameSite=Lax`;
}

/**
 * Makes a user's saved language and theme this browser's before the dashboard loads (right after
 * signing in), so its first page is already in them instead of switching once /me arrives.
 */
export function adoptPreferences(preferences: UserPreferences | null): void {
  if (preferences?.locale) writeLocaleCookie(preferences.locale);
  if (preferences?.theme) {
    try {
      localStorage.setItem(THEME_STORAGE_KEY, preferences.theme);
    } catch {
      // Storage refused (private mode, quota): PreferencesSync applies the theme after loading.
    }
  }
}

/**
 * The language and theme of this browser, and how to change them here. Saving them for the user
 * (on every device) is the caller's part: useUpdatePreferences, when someone is signed in.
 */
export function useDisplaySettings() {
  const locale = useLocale();
  const router = useRouter();
  const [switching, startTransition] = useTransition();
  const { theme, setTheme } = useTheme();
  const applyLocale = useCallback(
    (next: Locale) => {
      writeLocaleCookie(next);
      // Server components render the messages: ask for them again in the new language.
      startTransition(() => router.refresh());
    },
    [router],
  );
  return {
    locale,
    applyLocale,
    switching,
    theme: (theme ?? 'system') as Theme,
    applyTheme: setTheme as (theme: Theme) => void,
  };
}
