import { describe, expect, it } from 'vitest';
import { geolocate } from './geolocation.ts';

// Issue 10: proxy exits are geolocated from the offline data packages, never a web service.
describe('geolocate', () => {
  it('finds the country, ASN and organization of a public IPv4 address', () => {
    expect(geolocate('8.8.8.8')).toEqual({
      country: 'US',
      region: null,
      city: null,
      asn: 15169,
      asOrganization: 'Google LLC',
    });
  });

  it('reads organization names that the CSV quotes (commas, doubled quotes)', () => {
    expect(geolocate('1.1.1.1')).toMatchObject({ asn: 13335, asOrganization: 'Cloudflare, Inc.' });
    expect(geolocate('2.26.200.1')).toMatchObject({ asOrganization: 'LLC "SPUTNIK"' });
  });

  it('finds a public IPv6 address, and IPv4 written as IPv4-mapped IPv6', () => {
    expect(geolocate('2001:4860:4860::8888')).toMatchObject({ country: 'US', asn: 15169 });
    expect(geolocate('::ffff:8.8.8.8')).toMatchObject({ country: 'US', asn: 15169 });
  });

  it.each(['127.0.0.1', '10.1.2.3', '192.168.0.10', '169.254.169.254', '::1', 'fd00::1'])(
    'knows nothing of the non-public address %s',
    (ip) => {
      expect(geolocate(ip)).toEqual({
        country: null,
        region: null,
        city: null,
        asn: null,
        asOrganization: null,
      });
    },
  );

  it('refuses what is not an IP address', () => {
    expect(() => geolocate('not-an-ip')).toThrow(TypeError);
  });
});
