import { describe, expect, it } from 'vitest';
import { planRestart, restartLimitError } from './session-restarts.ts';

const policy = { limit: 3, backoffMs: 200, windowMs: 60_000 };
const now = new Date('2026-01-01T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('restart policy', () => {
  it('doubles the wait before each restart after a crash', () => {
    expect(
      [0, 1, 2].map((restartCount) =>
        planRestart(policy, { restartCount, startedAt: secondsAgo(5) }, 'crash', now),
      ),
    ).toEqual([
      { attempt: 1, delayMs: 200 },
      { attempt: 2, delayMs: 400 },
      { attempt: 3, delayMs: 800 },
    ]);
  });

  it('gives no restart once the crashes within the window used up the limit', () => {
    expect(planRestart(policy, { restartCount: 3, startedAt: secondsAgo(59) }, 'crash', now)).toBeNull();
    expect(planRestart(policy, { restartCount: 3, startedAt: null }, 'crash', now)).toBeNull();
    expect(
      planRestart({ ...policy, limit: 0 }, { restartCount: 0, startedAt: secondsAgo(1) }, 'crash', now),
    ).toBeNull();
  });

  it('gives a session that ran healthily for the window its full allowance and shortest backoff again', () => {
    expect(planRestart(policy, { restartCount: 3, startedAt: secondsAgo(60) }, 'crash', now)).toEqual({
      attempt: 1,
      delayMs: 200,
    });
  });

  it('restarts a session lost with its worker at once, without counting it against its crashes', () => {
    expect(planRestart(policy, { restartCount: 1, startedAt: secondsAgo(5) }, 'failover', now)).toEqual({
      attempt: 1,
      delayMs: 0,
    });
    // Even with its crash allowance used up: losing the worker was not its fault.
    expect(planRestart(policy, { restartCount: 3, startedAt: secondsAgo(5) }, 'failover', now)).toEqual({
      attempt: 3,
      delayMs: 0,
    });
    // A failover after a healthy run forgets the earlier crashes too.
    expect(planRestart(policy, { restartCount: 2, startedAt: secondsAgo(600) }, 'failover', now)).toEqual({
      attempt: 0,
      delayMs: 0,
    });
  });

  it('says in the error that the restart limit was reached', () => {
    expect(restartLimitError('the browser process exited', policy)).toBe(
      'the browser process exited; restart limit of 3 reached (each crash came within 1 min of its start), the session stays in ERROR',
    );
  });
});
