import { describe, expect, it } from 'vitest';
import { createProxyProviderSchema, providerProxyUrl, providerServesCountry } from './proxy-providers.ts';

describe('proxy provider presets', () => {
  it("builds Bright Data's username with zone, country and a sticky session", () => {
    const url = providerProxyUrl(
      { kind: 'brightdata', username: 'hl_1234', zone: 'residential1', password: 'pw' },
      { country: 'de', session: '0b6f-41c2' },
    );
    expect(url).toBe(
      'http://brd-customer-hl_1234-zone-residential1-country-de-session-0b6f41c2:pw@brd.superproxy.io:33335',
    );
  });

  it("builds Oxylabs' username with an upper-case country and a session time", () => {
    const url = providerProxyUrl(
      { kind: 'oxylabs', username: 'joe', password: 'p@ss:word' },
      { country: 'fr', session: 'abc', stickyMinutes: 30 },
    );
    // The password is encoded: a provider password may hold URL characters.
    expect(url).toBe('http://customer-joe-cc-FR-sessid-abc-sesstime-30:p%40ss%3Aword@pr.oxylabs.io:7777');
  });

  it("builds Decodo's username, and rotates when no session is asked for", () => {
    expect(providerProxyUrl({ kind: 'decodo', username: 'joe', password: 'pw' }, { country: 'US' })).toBe(
      'http://user-joe-country-us:pw@gate.decodo.com:7000',
    );
    expect(
      providerProxyUrl(
        { kind: 'decodo', username: 'joe', password: 'pw' },
        { session: 's1', stickyMinutes: 10 },
      ),
    ).toBe('http://user-joe-session-s1-sessionduration-10:pw@gate.decodo.com:7000');
  });

  it("picks ProxyMesh's country by server and keeps the entry's own gateway when it names one", () => {
    expect(providerProxyUrl({ kind: 'proxymesh', username: 'joe', password: 'pw' }, { country: 'GB' })).toBe(
      'http://joe:pw@uk.proxymesh.com:31280',
    );
    expect(
      providerProxyUrl(
        { kind: 'oxylabs', username: 'joe', password: 'pw', host: 'dc.oxylabs.io', port: 8000 },
        { country: 'DE' },
      ),
    ).toBe('http://customer-joe-cc-DE:pw@dc.oxylabs.io:8000');
    expect(providerServesCountry('proxymesh', 'br')).toBe(false);
    expect(providerServesCountry('oxylabs', 'br')).toBe(true);
  });

  it('refuses an entry without the zone Bright Data needs, or with a country its provider cannot serve', () => {
    const brightData = createProxyProviderSchema.safeParse({
      name: 'bd',
      kind: 'brightdata',
      username: 'hl_1',
      password: 'pw',
    });
    expect(brightData.success).toBe(false);
    expect(brightData.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['zone']);
    const mesh = createProxyProviderSchema.safeParse({
      name: 'pm',
      kind: 'proxymesh',
      username: 'joe',
      password: 'pw',
      countries: ['us', 'BR', 'x1'],
    });
    expect(mesh.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['countries.2', 'countries.1']);
    const unknown = createProxyProviderSchema.safeParse({
      name: 'x',
      kind: 'luminati',
      username: 'a',
      password: 'b',
    });
    expect(unknown.error?.issues[0]?.path).toEqual(['kind']);
  });
});
