import { getCountry } from 'countries-and-timezones';
import { describe, expect, it } from 'vitest';
import { geoOfCountry } from './proxy-geo.ts';

describe('geoOfCountry', () => {
  it('gives the locale and the main time zone of a country', () => {
    expect(geoOfCountry('DE')).toEqual({ locale: 'de-DE', timezone: 'Europe/Berlin' });
    expect(geoOfCountry('BR')).toEqual({ locale: 'pt-BR', timezone: 'America/Sao_Paulo' });
    expect(geoOfCountry('US')).toEqual({ locale: 'en-US', timezone: 'America/New_York' });
    expect(geoOfCountry('JP')).toEqual({ locale: 'ja-JP', timezone: 'Asia/Tokyo' });
    expect(geoOfCountry('au')).toEqual({ locale: 'en-AU', timezone: 'Australia/Sydney' });
  });

  it('answers null for no country or one the data does not know', () => {
    expect(geoOfCountry(null)).toBeNull();
    expect(geoOfCountry('XX')).toBeNull();
  });

  it("picks a zone of the country's own list for every country, usable by Intl", () => {
    for (const code of ['AR', 'CA', 'ES', 'MX', 'RU', 'UA', 'VN', 'CN', 'KZ', 'ID']) {
      const geo = geoOfCountry(code)!;
      expect(getCountry(code)?.timezones, code).toContain(geo.timezone);
      expect(() => new Intl.DateTimeFormat(geo.locale, { timeZone: geo.timezone })).not.toThrow();
    }
  });
});
