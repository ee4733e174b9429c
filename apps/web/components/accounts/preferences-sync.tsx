'use client';

import { useEffect } from 'react';
import { useUserSession } from '@/lib/api/accounts';
import { useDisplaySettings } from '@/lib/preferences';

/**
 * Applies the signed-in user's saved language and theme on this device, whichever it is: the
 * cookie and local storage only mirror them, so another device's choice wins once /me says so.
 * A choice the user never made leaves the browser's own (Accept-Language, the system theme).
 */
export function PreferencesSync() {
  const { preferences } = useUserSession();
  const { locale, applyLocale, theme, applyTheme } = useDisplaySettings();
  const savedLocale = preferences?.locale;
  const savedTheme = preferences?.theme;
  useEffect(() => {
    if (savedLocale && savedLocale !== locale) applyLocale(savedLocale);
  }, [savedLocale, locale, applyLocale]);
  useEffect(() => {
    if (savedTheme && savedTheme !== theme) applyTheme(savedTheme);
  }, [savedTheme, theme, applyTheme]);
  return null;
}
