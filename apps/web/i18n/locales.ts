import { type DashboardLocale, dashboardLocales, defaultDashboardLocale } from '@fleetwright/contracts';

/** The dashboard's languages, defined once in the contracts (the API validates the same list). */
export const locales = dashboardLocales;
export type Locale = DashboardLocale;
export const defaultLocale: Locale = defaultDashboardLocale;

/**
 * The dashboard's language on this browser: the signed-in user's preference once known (the
 * dashboard writes it here after /me), else what the language menu chose before sign-in.
 */
export const LOCALE_COOKIE = 'fw_locale';

/** A year: the cookie only mirrors a choice, it never expires on its own in practice. */
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** Each language's name in itself, for the language menu. */
export const localeNames: Record<Locale, string> = {
  en: 'English',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * The best offered language for an Accept-Language header ("pt-PT,pt;q=0.9,en;q=0.5"): an exact
 * tag first, then the same language in another region (any Portuguese reads pt-BR, any Spanish es),
 * by descending q; the default when nothing matches.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.tag && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    const exact = locales.find((locale) => locale.toLowerCase() === tag);
    if (exact) return exact;
    const language = tag.split('-')[0];
    const sameLanguage = locales.find((locale) => locale.toLowerCase().split('-')[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return defaultLocale;
}
