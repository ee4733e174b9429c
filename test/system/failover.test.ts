import type { SessionStatusEvent } from '@fleetwright/contracts';
import { descendantsOf, isAlive, waitFor } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPages, type TestPages } from '../support/pages.ts';
import { type Platform, startPlatform } from '../support/platform.ts';
import { createSession, getSession, waitForStatus } from '../support/sessions.ts';

let platform: Platform;
let pages: TestPages;

beforeAll(async () => {
  [platform, pages] = await Promise.all([startPlatform({ workers: 1 }), startTestPages()]);
});
afterAll(async () => {
  await platform?.stop();
  await pages?.close();
});

describe('failover', () => {
  it('runs every session of a worker killed with SIGKILL again on a live worker within 15 s, none twice (issue 9)', async () => {
    const [doomed] = platform.workers;
    const socket = await platform.socket();
    await socket.timeout(10_000).emitWithAck('subscribe', { organization: true });
    const events: SessionStatusEvent[] = [];
    socket.on('session.status', (event) => events.push(event));

    const sessions = await Promise.all(
      (['context', 'context', 'context', 'context', 'browser'] as const).map((isolation, n) =>
        createSession(platform, { name: `failover-${n}`, startUrl: `${pages.url}/`, isolation }),
      ),
    );
    const running = await Promise.all(
      sessions.map((session) => waitForStatus(platform, session.id, 'RUNNING')),
    );
    const doomedId = running[0]!.workerId!;
    expect(running.every((session) => session.workerId === doomedId)).toBe(true);
    const survivor = await platform.startWorker();
    const doomedChromium = descendantsOf(doomed!.process.pid!).map((child) => child.pid);

    const killedAt = events.length;
    await doomed!.stop('SIGKILL');
    // The bound: RUNNING again within 15 s of the kill (a generous bound, not a timing test).
    await waitFor(
      'every session RUNNING on the live worker',
      async () => {
        const now = await Promise.all(sessions.map((session) => getSession(platform, session.id)));
        return now.every((session) => session.status === 'RUNNING' && session.workerId !== doomedId);
      },
      { timeoutMs: 15_000, retryErrors: true },
    );

    const rows = await Promise.all(sessions.map((session) => getSession(platform, session.id)));
    const survivorId = rows[0]!.workerId!;
    expect(rows.map((row) => row.workerId)).toEqual(sessions.map(() => survivorId));
    // The failover counts nothing against the sessions' own crash allowance.
    expect(rows.map((row) => row.restartCount)).toEqual(sessions.map(() => 0));
    // None twice: each session went through ERROR and back to RUNNING once, on the survivor only.
    await waitFor('the RUNNING events', () =>
      sessions.every((session) =>
        events.slice(killedAt).some((event) => event.sessionId === session.id && event.status === 'RUNNING'),
      ),
    );
    for (const session of sessions) {
      // The server publishes the ERROR, the worker the rest: they may arrive out of order.
      const after = events
        .slice(killedAt)
        .filter((event) => event.sessionId === session.id)
        .sort((a, b) => a.at.localeCompare(b.at));
      expect(after.map((event) => event.status)).toEqual(['ERROR', 'STARTING', 'RUNNING']);
      expect(after.at(-1)?.workerId).toBe(survivorId);
    }
    const { body } = await platform.api<{ items: { id: string; activeSessions: number }[] }>(
      'GET',
      '/workers',
    );
    expect(body.items.map((worker) => [worker.id, worker.activeSessions])).toEqual([
      [survivorId, sessions.length],
    ]);
    // The dead worker's browsers went with it.
    await waitFor('the dead worker’s Chromium to exit', () => doomedChromium.every((pid) => !isAlive(pid)), {
      timeoutMs: 10_000,
    });
    expect(survivor.process.exitCode).toBeNull();
  });
});
