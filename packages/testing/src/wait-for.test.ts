import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from './wait-for.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('waitFor', () => {
  it('answers the first truthy value the probe gives', async () => {
    let calls = 0;
    const waiting = waitFor('the third call', () => (++calls >= 3 ? { calls } : undefined));
    await vi.advanceTimersByTimeAsync(200);
    await expect(waiting).resolves.toEqual({ calls: 3 });
  });

  it('fails naming what it waited for once the timeout has passed', async () => {
    const waiting = waitFor('a row that never comes', () => false, { timeoutMs: 1000 });
    const failure = expect(waiting).rejects.toThrow(
      'Timed out after 1000 ms waiting for a row that never comes',
    );
    await vi.advanceTimersByTimeAsync(1100);
    await failure;
  });

  it('takes a number as the timeout', async () => {
    const waiting = waitFor('nothing', () => null, 300);
    const failure = expect(waiting).rejects.toThrow('Timed out after 300 ms');
    await vi.advanceTimersByTimeAsync(400);
    await failure;
  });

  it('stops at the first error the probe throws', async () => {
    let calls = 0;
    const waiting = waitFor('a probe that breaks', () => {
      calls++;
      throw new Error('broken');
    });
    await expect(waiting).rejects.toThrow('broken');
    expect(calls).toBe(1);
  });

  it('asks again after an error when told to, and keeps the last error as the cause of the timeout', async () => {
    let calls = 0;
    const recovering = waitFor(
      'a server that comes up',
      () => {
        if (++calls < 3) throw new Error('not yet');
        return 'up';
      },
      { retryErrors: true },
    );
    await vi.advanceTimersByTimeAsync(200);
    await expect(recovering).resolves.toBe('up');

    const failing = waitFor(
      'a server that never comes up',
      () => {
        throw new Error('connection refused');
      },
      { timeoutMs: 500, retryErrors: true },
    );
    const failure = expect(failing).rejects.toMatchObject({ cause: new Error('connection refused') });
    await vi.advanceTimersByTimeAsync(600);
    await failure;
  });
});
