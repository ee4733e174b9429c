import { describe, expect, it } from 'vitest';
import { planRestart } from './session-restarts.ts';

const policy = { limit: 3, backoffMs: 200 };

describe('restart policy', () => {
  it('doubles the wait before each restart after a crash', () => {
    expect([0, 1, 2].map((restartCount) => planRestart(policy, restartCount, 'crash'))).toEqual([
      { attempt: 1, delayMs: 200 },
      { attempt: 2, delayMs: 400 },
      { attempt: 3, delayMs: 800 },
    ]);
  });

  it('restarts a session lost with its worker at once', () => {
    expect(planRestart(policy, 1, 'failover')).toEqual({ attempt: 2, delayMs: 0 });
  });

  it('gives no restart once the limit is used up, whatever the cause', () => {
    expect(planRestart(policy, 3, 'crash')).toBeNull();
    expect(planRestart(policy, 3, 'failover')).toBeNull();
    expect(planRestart({ ...policy, limit: 0 }, 0, 'crash')).toBeNull();
  });
});
