/**
 * Dates, times and numbers in the dashboard's language. Formatters are cached per locale (building
 * an Intl formatter costs more than using one). Components use `useFormat()`, which binds the
 * active locale; these take it explicitly so they also work outside React.
 */

const cache = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  create: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "3 min. ago", "now" ("há 3 min.", "agora"); `now` is injectable so one clock tick re-renders a
 * whole table. Under 45 seconds is "now" (Intl's numeric: 'auto' word for zero seconds).
 */
export function formatRelativeTime(
  locale: string,
  iso: string | null | undefined,
  now: number = Date.now(),
): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const format = cached(
    `relative:${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }),
  );
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), 'minute');
}

/** "Jan 5, 2025, 2:03:22 PM" / "5 de jan. de 2025, 14:03:22"; `none` stands in for a missing time. */
export function formatDateTime(locale: string, iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const time = Date.parse(iso);
  const format = cached(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
  );
  return Number.isNaN(time) ? none : format.format(time);
}

/** "Jan 5, 2025", for days rather than moments (member since). */
export function formatDate(locale: string, iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const time = Date.parse(iso);
  const format = cached(`date:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
  return Number.isNaN(time) ? none : format.format(time);
}

/** HH:MM:SS (24 h) in the viewer's time zone, for log lines and chart ticks. */
export function formatClock(locale: string, iso: string | number): string {
  const time = typeof iso === 'number' ? iso : Date.parse(iso);
  const format = cached(
    `clock:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
      }),
  );
  return Number.isNaN(time) ? '' : format.format(time);
}

/** 1,234.5 / 1.234,5 — at most `digits` decimals. */
export function formatNumber(locale: string, value: number, digits = 1): string {
  return cached(
    `number:${locale}:${digits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }),
  ).format(value);
}

/** Bytes → mebibytes, one decimal. */
export function toMegabytes(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}

/** First 8 characters of a UUID: enough to tell rows apart in a table. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * A user agent in a few words: "Chrome 131 on Linux" (`on` joins browser and system, so a caller
 * passes its translation), or the first product token of a client that is no browser ("curl/8.5.0").
 */
export function shortUserAgent(
  userAgent: string | null | undefined,
  on: (browser: string, system: string) => string = (browser, system) => `${browser} on ${system}`,
): string {
  if (!userAgent) return '—';
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  const browsers: [RegExp, string][] = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/HeadlessChrome\/(\d+)/, 'Headless Chrome'],
    [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/Windows/, 'Windows'],
    [/iPhone|iPad/, 'iOS'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/Android/, 'Android'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    const system = systems.find(([test]) => test.test(userAgent))?.[1];
    return system ? on(`${name} ${match[1]}`, system) : `${name} ${match[1]}`;
  }
  const first = userAgent.trim().split(/\s+/)[0] ?? userAgent;
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}
