import { describe, expect, it } from 'vitest';
import { nextProxyHealth, type ProxyHealthInput } from './proxy-health.ts';

const rules = { slowMs: 1000, downAfter: 3 };
const healthy: ProxyHealthInput = {
  status: 'HEALTHY',
  consecutiveFailures: 0,
  ok: true,
  latencyMs: 100,
  checksInWindow: 10,
  okInWindow: 10,
};

describe('nextProxyHealth (issue 10)', () => {
  it('makes a fast working proxy with a clean window HEALTHY, whatever it was', () => {
    for (const status of ['UNCHECKED', 'HEALTHY', 'DEGRADED', 'DOWN'] as const) {
      expect(nextProxyHealth({ ...healthy, status, okInWindow: 9 }, rules)).toEqual({
        status: 'HEALTHY',
        consecutiveFailures: 0,
        successRate: 0.9,
      });
    }
  });

  it('makes a working proxy slower than PROXY_SLOW_MS DEGRADED', () => {
    expect(nextProxyHealth({ ...healthy, latencyMs: 1001 }, rules).status).toBe('DEGRADED');
    expect(nextProxyHealth({ ...healthy, latencyMs: 1000 }, rules).status).toBe('HEALTHY');
  });

  it('keeps a working proxy DEGRADED while its success rate over the window is under 80 %', () => {
    expect(nextProxyHealth({ ...healthy, status: 'DOWN', okInWindow: 7 }, rules)).toEqual({
      status: 'DEGRADED',
      consecutiveFailures: 0,
      successRate: 0.7,
    });
    expect(nextProxyHealth({ ...healthy, okInWindow: 8 }, rules).status).toBe('HEALTHY');
  });

  it('makes a failing proxy DEGRADED, then DOWN at PROXY_DOWN_AFTER failures in a row', () => {
    const failing = { ...healthy, ok: false, latencyMs: null };
    const first = nextProxyHealth(failing, rules);
    expect(first).toMatchObject({ status: 'DEGRADED', consecutiveFailures: 1 });
    const second = nextProxyHealth({ ...failing, ...first }, rules);
    expect(second).toMatchObject({ status: 'DEGRADED', consecutiveFailures: 2 });
    const third = nextProxyHealth({ ...failing, ...second }, rules);
    expect(third).toMatchObject({ status: 'DOWN', consecutiveFailures: 3 });
    expect(nextProxyHealth({ ...failing, ...third }, rules)).toMatchObject({
      status: 'DOWN',
      consecutiveFailures: 4,
    });
  });

  it('never moves a BLACKLISTED proxy', () => {
    expect(nextProxyHealth({ ...healthy, status: 'BLACKLISTED' }, rules).status).toBe('BLACKLISTED');
    expect(nextProxyHealth({ ...healthy, status: 'BLACKLISTED', ok: false }, rules)).toMatchObject({
      status: 'BLACKLISTED',
      consecutiveFailures: 0,
    });
  });

  it('has no success rate before the first check in the window', () => {
    expect(nextProxyHealth({ ...healthy, checksInWindow: 0, okInWindow: 0 }, rules).successRate).toBeNull();
  });
});
