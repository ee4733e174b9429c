import { describe, expect, it } from 'vitest';
import { type AddressClass, classifyAddress } from './classify-address.ts';

describe('classifyAddress', () => {
  const cases: [string, AddressClass][] = [
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['fec0::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['100.100.100.200', 'carrier-grade-nat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking'],
    ['2001:2::1', 'benchmarking'],
    ['192.0.0.192', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['4000::1', 'reserved'],
  ];
  it.each(cases)('classifies %s as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  const embedded: [string, string, AddressClass][] = [
    ['IPv4-mapped', '::ffff:127.0.0.1', 'loopback'],
    ['IPv4-mapped in hex', '::ffff:7f00:1', 'loopback'],
    ['IPv4-mapped public', '::ffff:93.184.216.34', 'public'],
    ['IPv4-translated', '::ffff:0:a00:1', 'private'],
    ['IPv4-compatible', '::127.0.0.1', 'loopback'],
    ['IPv4-compatible in hex', '::7f00:1', 'loopback'],
    ['NAT64', '64:ff9b::a9fe:a9fe', 'link-local'],
    ['NAT64 public', '64:ff9b::5db8:d822', 'public'],
    ['local-use NAT64', '64:ff9b:1::a00:1', 'private'],
    ['6to4', '2002:7f00:1::', 'loopback'],
    ['6to4 public', '2002:5db8:d822::1', 'public'],
    // Client 127.0.0.1 is stored inverted: 0x80ff:0xfffe.
    ['Teredo', '2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
  ];
  it.each(embedded)('judges the IPv4 inside an %s address (%s) as %s', (_kind, ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it('never calls an IPv4-compatible address public, whatever IPv4 it carries', () => {
    expect(classifyAddress('::93.184.216.34')).toBe('reserved');
  });

  it('throws a TypeError for something that is not an IP address', () => {
    expect(() => classifyAddress('example.com')).toThrow(TypeError);
  });
});
