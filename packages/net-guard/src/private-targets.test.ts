import { describe, expect, it } from 'vitest';
import { compilePrivateTargets } from './private-targets.ts';

describe('compilePrivateTargets', () => {
  it('answers null for an empty list, so callers skip it', () => {
    expect(compilePrivateTargets([])).toBeNull();
  });

  it('matches addresses in listed IPv4 and IPv6 ranges, IPv4-mapped ones as IPv4', () => {
    const targets = compilePrivateTargets(['10.20.0.0/16', 'fd00:20::/32', '192.168.1.7'])!;
    expect(targets.allowsAddress('10.20.255.1')).toBe(true);
    expect(targets.allowsAddress('::ffff:10.20.0.1')).toBe(true);
    expect(targets.allowsAddress('fd00:20::1')).toBe(true);
    expect(targets.allowsAddress('192.168.1.7')).toBe(true);
    expect(targets.allowsAddress('10.21.0.1')).toBe(false);
    expect(targets.allowsAddress('192.168.1.8')).toBe(false);
    expect(targets.allowsAddress('fd00:21::1')).toBe(false);
  });

  it('matches a listed name exactly and `*.name` on subdomains only', () => {
    const targets = compilePrivateTargets(['Intranet.Example', '*.staging.example'])!;
    expect(targets.allowsName('intranet.example')).toBe(true);
    expect(targets.allowsName('www.intranet.example')).toBe(false);
    expect(targets.allowsName('app.staging.example')).toBe(true);
    expect(targets.allowsName('staging.example')).toBe(false);
    expect(targets.allowsName('evilstaging.example')).toBe(false);
    expect(targets.allowsAddress('10.0.0.1')).toBe(false);
  });
});
