const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 min. ago", "just now"; `now` is injectable so one clock tick re-renders a whole table. */
export function formatRelativeTime(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.round(seconds / size), unit);
  }
  return relativeFormat.format(Math.round(seconds / 60), 'minute');
}

const dateTimeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const timeFormat = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** "Jan 5, 2025, 2:03:22 PM"; `none` stands in for a missing or unreadable time ("Never"). */
export function formatDateTime(iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? none : dateTimeFormat.format(time);
}

/** "Jan 5, 2025", for days rather than moments (member since). */
export function formatDate(iso: string | null | undefined, none = '—'): string {
  if (!iso) return none;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? none : dateFormat.format(time);
}

/** HH:MM:SS in the viewer's time zone, for log lines and chart ticks. */
export function formatClock(iso: string | number): string {
  const time = typeof iso === 'number' ? iso : Date.parse(iso);
  return Number.isNaN(time) ? '' : timeFormat.format(time);
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
 * A user agent in a few words: "Chrome 131 on Linux", "Firefox 130 on Windows", or the first
 * product token of a client that is no browser ("curl/8.5.0", "node").
 */
export function shortUserAgent(userAgent: string | null | undefined): string {
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
    return `${name} ${match[1]}${system ? ` on ${system}` : ''}`;
  }
  const first = userAgent.trim().split(/\s+/)[0] ?? userAgent;
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}
