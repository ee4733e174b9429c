import type { ProxyStatus } from '@fleetwright/contracts';

/** The health rules' settings (PROXY_SLOW_MS, PROXY_DOWN_AFTER). */
export interface HealthRules {
  /** A working proxy slower than this (ms) is DEGRADED. */
  slowMs: number;
  /** Failures in a row that make a proxy DOWN. */
  downAfter: number;
}

/**
 * A working proxy whose success rate over the window is under this is DEGRADED: it answered now,
 * but failed recently often enough (an isolated failure in a day of 10-minute checks is 99 %).
 */
export const HEALTHY_MIN_SUCCESS_RATE = 0.8;

export interface ProxyHealthInput {
  status: ProxyStatus;
  /** Failures in a row before this check. */
  consecutiveFailures: number;
  /** This check. */
  ok: boolean;
  latencyMs: number | null;
  /** Checks in the health window, this one included. */
  checksInWindow: number;
  okInWindow: number;
}

export interface ProxyHealth {
  status: ProxyStatus;
  consecutiveFailures: number;
  /** Share of the window's checks that succeeded; null without checks. */
  successRate: number | null;
}

/**
 * Where one check leaves a proxy. A success: HEALTHY, or DEGRADED when slow or when the window's
 * success rate is under HEALTHY_MIN_SUCCESS_RATE. A failure: DEGRADED, or DOWN from `downAfter`
 * failures in a row. BLACKLISTED is manual: a check never moves it (nor is it ever checked).
 */
export function nextProxyHealth(input: ProxyHealthInput, rules: HealthRules): ProxyHealth {
  const successRate = input.checksInWindow > 0 ? input.okInWindow / input.checksInWindow : null;
  if (input.status === 'BLACKLISTED') {
    return { status: 'BLACKLISTED', consecutiveFailures: input.consecutiveFailures, successRate };
  }
  if (!input.ok) {
    const consecutiveFailures = input.consecutiveFailures + 1;
    const status = consecutiveFailures >= rules.downAfter ? 'DOWN' : 'DEGRADED';
    return { status, consecutiveFailures, successRate };
  }
  const slow = (input.latencyMs ?? 0) > rules.slowMs;
  const shaky = successRate !== null && successRate < HEALTHY_MIN_SUCCESS_RATE;
  return { status: slow || shaky ? 'DEGRADED' : 'HEALTHY', consecutiveFailures: 0, successRate };
}
