import { describe, expect, it } from 'vitest';
import {
  createProxyProviderSchema,
  providerCountryRefusal,
  providerProxyUrl,
  providerServesCountry,
} from './proxy-providers.ts';
import { providerStickyKey, sessionProxySchema } from './sessions.ts';

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

describe('a provider entry as a session proxy', () => {
  const id = '085a7f3e-a141-4a88-ad31-eab830f8082e';

  it("keys a session's sticky exit by its id, and a rotation by a new key of the same length at most", () => {
    expect(providerStickyKey(id)).toBe('085a7f3ea1414a88ad31eab8');
    const rotated = providerStickyKey(id, 'c0ffee12');
    expect(rotated).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(rotated).not.toBe(providerStickyKey(id));
    expect(rotated).not.toBe(providerStickyKey(id, '0badf00d'));
  });

  it('accepts { providerId, country?, sticky? } strictly, sticky by default', () => {
    expect(sessionProxySchema.parse({ providerId: id, country: 'de' })).toEqual({
      providerId: id,
      country: 'DE',
      sticky: true,
    });
    expect(sessionProxySchema.safeParse({ providerId: id, zone: 'x' }).success).toBe(false);
    expect(sessionProxySchema.safeParse({ providerId: id, country: 'Germany' }).success).toBe(false);
  });

  it('says why an entry has no exit in a country', () => {
    const entry = { kind: 'proxymesh' as const, name: 'Mesh', countries: [] };
    expect(providerCountryRefusal(entry, 'BR')).toBe('ProxyMesh has no exit in BR.');
    expect(providerCountryRefusal(entry, 'DE')).toBeNull();
    expect(providerCountryRefusal({ kind: 'oxylabs', name: 'Ox', countries: ['DE'] }, 'FR')).toMatch(
      /limited to DE/,
    );
  });
});
