import { getCountry } from 'countries-and-timezones';

/**
 * The main time zone of countries with several (countries-and-timezones lists a country's zones
 * alphabetically: the United States would get America/Adak, Australia Antarctica/Macquarie): the
 * zone of the capital or the most populous region. Every other country gets its first zone.
 */
const MAIN_ZONES: Record<string, string> = {
  AR: 'America/Argentina/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  GL: 'America/Nuuk',
  ID: 'Asia/Jakarta',
  KI: 'Pacific/Tarawa',
  KZ: 'Asia/Almaty',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  PS: 'Asia/Hebron',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  US: 'America/New_York',
  UZ: 'Asia/Tashkent',
  VN: 'Asia/Ho_Chi_Minh',
};

export interface ProxyGeo {
  /** BCP 47, e.g. de-DE. */
  locale: string;
  /** IANA, e.g. Europe/Berlin. */
  timezone: string;
}

/**
 * Locale and time zone for a session behind a proxy of `country` (ISO 3166-1 alpha-2), or null
 * for a country the data does not know. The time zone comes from countries-and-timezones (IANA's
 * zones per country; MAIN_ZONES picks among several); the locale from ICU's likely subtags, which
 * Node's Intl carries (CLDR: `und-CH` → de-CH, `und-IN` → hi-IN), so no second data package.
 */
export function geoOfCountry(country: string | null): ProxyGeo | null {
  if (!country) return null;
  const zones = getCountry(country.toUpperCase())?.timezones ?? [];
  const main = MAIN_ZONES[country.toUpperCase()];
  const timezone = main && (zones as readonly string[]).includes(main) ? main : zones[0];
  if (!timezone) return null;
  try {
    const likely = new Intl.Locale(`und-${country.toUpperCase()}`).maximize();
    return { locale: `${likely.language}-${likely.region ?? country.toUpperCase()}`, timezone };
  } catch {
    return null;
  }
}
