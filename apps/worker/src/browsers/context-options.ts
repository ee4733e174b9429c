import { isDeepStrictEqual } from 'node:util';
import type { SessionRow } from '@fleetwright/db';
import { type BrowserContextOptions, devices } from 'playwright-core';
import { WorkerError } from '../errors.ts';

/** Used when the session names neither a device preset nor a viewport. */
export const DEFAULT_VIEWPORT = { width: 1280, height: 720 } as const;

export interface ProxySettings {
  server: string;
  username?: string;
  password?: string;
}

/**
 * Checks a session's proxy URL: `scheme://[user:pass@]host:port` with scheme http, https, socks4
 * or socks5 (the API validated it; this guards against rows written otherwise).
 */
export function assertProxyUrl(proxyUrl: string): URL {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    throw new WorkerError('INVALID_PROXY', 'The proxy URL is not a valid URL.');
  }
  if (!PROXY_PROTOCOLS.includes(url.protocol) || url.hostname === '' || url.port === '') {
    throw new WorkerError(
      'INVALID_PROXY',
      'The proxy URL needs http, https, socks4 or socks5, a host and a port.',
    );
  }
  return url;
}

const PROXY_PROTOCOLS = ['http:', 'https:', 'socks4:', 'socks5:'];

/**
 * `scheme://[user:pass@]host:port` → Playwright's proxy option, for a session whose traffic goes
 * to its proxy directly (private targets allowed: no egress guard; otherwise the proxy is the
 * guard's upstream). Chromium takes a proxy per BrowserContext, so `context` isolation needs no
 * launch-level proxy.
 */
export function parseProxyUrl(proxyUrl: string): ProxySettings {
  const url = assertProxyUrl(proxyUrl);
  const scheme = url.protocol.replace(/:$/, '');
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (scheme.startsWith('socks') && (username || password)) {
    throw new WorkerError(
      'INVALID_PROXY',
      'Chromium cannot authenticate to a SOCKS proxy; use an http(s) proxy, or a SOCKS proxy without credentials.',
    );
  }
  return {
    server: `${scheme}://${url.host}`,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
}

/** The session settings that shape its BrowserContext. */
export type ContextSettings = Pick<
  SessionRow,
  'device' | 'viewport' | 'locale' | 'timezone' | 'geolocation' | 'userAgent' | 'headers' | 'proxyUrl'
>;

/**
 * BrowserContext options for a session. A device preset comes first; an explicit viewport or user
 * agent on the session overrides the preset's.
 */
export function buildContextOptions(settings: ContextSettings): BrowserContextOptions {
  const options: BrowserContextOptions = {};
  if (settings.device) {
    const preset = devices[settings.device];
    if (!preset) {
      throw new WorkerError(
        'UNKNOWN_DEVICE',
        `Unknown device preset "${settings.device}"; use a name from Playwright's device list (GET /devices).`,
      );
    }
    const { defaultBrowserType: _ignored, ...emulation } = preset;
    Object.assign(options, emulation);
  }
  if (settings.viewport) options.viewport = { ...settings.viewport };
  else if (!settings.device) options.viewport = { ...DEFAULT_VIEWPORT };
  if (settings.locale) options.locale = settings.locale;
  if (settings.timezone) options.timezoneId = settings.timezone;
  if (settings.geolocation) {
    options.geolocation = settings.geolocation;
    options.permissions = ['geolocation'];
  }
  if (settings.userAgent) options.userAgent = settings.userAgent;
  if (settings.headers && Object.keys(settings.headers).length > 0) {
    options.extraHTTPHeaders = { ...settings.headers };
  }
  if (settings.proxyUrl) options.proxy = parseProxyUrl(settings.proxyUrl);
  return options;
}

/** What buildContextOptions makes of a session with no context settings: the default viewport. */
export function defaultContextOptions(): BrowserContextOptions {
  return { viewport: { ...DEFAULT_VIEWPORT } };
}

/**
 * Whether a session's context options are the defaults: such a session can take a warm context
 * (warm-contexts.ts), opened with exactly these options.
 */
export function isDefaultContext(options: BrowserContextOptions): boolean {
  return isDeepStrictEqual(options, defaultContextOptions());
}
