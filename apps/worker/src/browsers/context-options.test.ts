import { describe, expect, it } from 'vitest';
import { WorkerError } from '../errors.ts';
import {
  buildContextOptions,
  type ContextSettings,
  DEFAULT_VIEWPORT,
  parseProxyUrl,
} from './context-options.ts';

const none: ContextSettings = {
  device: null,
  viewport: null,
  locale: null,
  timezone: null,
  geolocation: null,
  userAgent: null,
  headers: {},
  proxyUrl: null,
};

describe('buildContextOptions', () => {
  it('uses a 1280×720 viewport when neither a device nor a viewport is given', () => {
    expect(buildContextOptions(none)).toEqual({ viewport: DEFAULT_VIEWPORT });
  });

  it('applies a device preset and lets an explicit viewport override it', () => {
    const options = buildContextOptions({
      ...none,
      device: 'iPhone 15',
      viewport: { width: 500, height: 800 },
    });
    expect(options.isMobile).toBe(true);
    expect(options.userAgent).toContain('iPhone');
    expect(options.viewport).toEqual({ width: 500, height: 800 });
    expect(options).not.toHaveProperty('defaultBrowserType');
  });

  it('refuses an unknown device preset by name', () => {
    expect(() => buildContextOptions({ ...none, device: 'Nokia 3310' })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_DEVICE', message: expect.stringContaining('"Nokia 3310"') }),
    );
  });

  it('grants the geolocation permission along with a geolocation', () => {
    const options = buildContextOptions({ ...none, geolocation: { latitude: 52.5, longitude: 13.4 } });
    expect(options.geolocation).toEqual({ latitude: 52.5, longitude: 13.4 });
    expect(options.permissions).toEqual(['geolocation']);
  });

  it('maps locale, timezone, user agent and headers', () => {
    const options = buildContextOptions({
      ...none,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      userAgent: 'FleetwrightTest/1.0',
      headers: { 'x-test': 'yes' },
    });
    expect(options).toMatchObject({
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
      userAgent: 'FleetwrightTest/1.0',
      extraHTTPHeaders: { 'x-test': 'yes' },
    });
  });
});

describe('parseProxyUrl', () => {
  it('splits credentials from the server and decodes them', () => {
    expect(parseProxyUrl('http://us%40er:p%3Ass@proxy.example:8080')).toEqual({
      server: 'http://proxy.example:8080',
      username: 'us@er',
      password: 'p:ss',
    });
  });

  it('keeps a proxy without credentials as a bare server', () => {
    expect(parseProxyUrl('socks5://10.0.0.1:1080')).toEqual({ server: 'socks5://10.0.0.1:1080' });
  });

  it('takes SOCKS4 as well', () => {
    expect(parseProxyUrl('socks4://10.0.0.1:1080')).toEqual({ server: 'socks4://10.0.0.1:1080' });
  });

  it('refuses SOCKS with credentials, which Chromium cannot send (without the egress guard, which can)', () => {
    expect(() => parseProxyUrl('socks5://user:pass@10.0.0.1:1080')).toThrow(WorkerError);
    expect(() => parseProxyUrl('socks4://user@10.0.0.1:1080')).toThrow(WorkerError);
  });

  it('refuses a proxy URL without a port', () => {
    expect(() => parseProxyUrl('http://proxy.example')).toThrow(
      expect.objectContaining({ code: 'INVALID_PROXY' }),
    );
  });
});
