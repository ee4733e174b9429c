import { describe, expect, it } from 'vitest';
import { blockedDomainOf, siteOf } from './policy.ts';

describe('siteOf', () => {
  it('groups subdomains under their registrable domain', () => {
    expect(siteOf('https://shop.example.com/cart')).toBe('example.com');
    expect(siteOf('https://a.b.example.co.uk/')).toBe('example.co.uk');
  });

  it('keeps IP addresses and local names as they are', () => {
    expect(siteOf('http://127.0.0.1:9/')).toBe('127.0.0.1');
    expect(siteOf('http://[::1]:8080/')).toBe('[::1]');
  });
});

describe('blockedDomainOf', () => {
  const blocked = ['example.com'];

  it('blocks the domain and its subdomains', () => {
    expect(blockedDomainOf('https://example.com/', blocked)).toBe('example.com');
    expect(blockedDomainOf('https://deep.shop.EXAMPLE.com./x', blocked)).toBe('example.com');
  });

  it('does not block look-alikes', () => {
    expect(blockedDomainOf('https://notexample.com/', blocked)).toBeUndefined();
    expect(blockedDomainOf('https://example.com.evil.test/', blocked)).toBeUndefined();
  });
});
