import { describe, expect, it } from 'vitest';
import { judgeAnonymity, originAddresses } from './judge-anonymity.ts';

// Issue 10: anonymity verdicts on echoes shaped like httpbin's, whose origin lists forwarded hops.
const own = { clientAddresses: ['203.0.113.7'], baselineHeaders: [] };

describe('judgeAnonymity', () => {
  it('calls a proxy transparent when the client’s address is among the origin hops', () => {
    expect(judgeAnonymity({ origin: '203.0.113.7, 198.51.100.2', headers: {} }, own)).toBe('transparent');
  });

  it.each([
    ['x-forwarded-for', '203.0.113.7'],
    ['forwarded', 'for=203.0.113.7:4711;proto=http'],
    ['x-real-ip', '203.0.113.7'],
  ])('calls a proxy transparent when %s carries the client’s address', (name, value) => {
    expect(judgeAnonymity({ origin: '198.51.100.2', headers: { [name]: value } }, own)).toBe('transparent');
  });

  it('does not mistake a longer address for the client’s', () => {
    const echo = { origin: '198.51.100.2', headers: { 'x-forwarded-for': '203.0.113.71' } };
    expect(judgeAnonymity(echo, own)).toBe('anonymous');
  });

  it('calls a proxy anonymous when it announces itself without the client’s address', () => {
    expect(judgeAnonymity({ origin: '198.51.100.2', headers: { via: '1.1 squid' } }, own)).toBe('anonymous');
  });

  it('ignores the proxy headers the echo shows without any proxy (its own load balancer)', () => {
    const echo = { origin: '198.51.100.2', headers: { 'x-forwarded-proto': 'https', accept: '*/*' } };
    expect(judgeAnonymity(echo, { ...own, baselineHeaders: ['x-forwarded-proto'] })).toBe('elite');
  });

  it('reads IPv4-mapped IPv6 origins as IPv4', () => {
    expect(originAddresses('::ffff:198.51.100.2')).toEqual(['198.51.100.2']);
  });
});
