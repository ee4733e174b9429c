/**
 * Bench row: a worker running `sessions` sessions is killed with SIGKILL; how long until every one
 * of them is RUNNING again on the other worker (issue 9: within 15 s). A platform of its own (server
 * and two worker processes on a fresh Postgres), so the main bench's platform is not disturbed.
 */
import type { Session } from '@fleetwright/contracts';
import { waitFor } from '@fleetwright/testing';
import { startPlatform } from '../test/support/platform.ts';

export interface FailoverFigure {
  /** SIGKILL of the worker → the last of its sessions RUNNING on the other worker, ms. */
  recoveredMs: number;
  sessions: number;
}

export async function benchFailover(url: string, sessions = 10): Promise<FailoverFigure> {
  const platform = await startPlatform({
    workers: 1,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_API_PER_MINUTE: '1000000' },
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const { status, body } = await platform.api<Session>('POST', '/sessions', {
        name: `failover-${i}`,
        startUrl: url,
      });
      if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
      ids.push(body.id);
    }
    // One list call per probe: the machine is busy restarting the sessions.
    const read = async () =>
      (await platform.api<{ items: Session[] }>('GET', '/sessions?pageSize=200')).body.items;
    await waitFor('the sessions to run', async () => (await read()).every((s) => s.status === 'RUNNING'), {
      timeoutMs: 120_000,
      intervalMs: 100,
    });
    const doomed = (await read())[0]!.workerId;
    await platform.startWorker();

    const t0 = performance.now();
    await platform.workers[0]!.stop('SIGKILL');
    await waitFor(
      'every session RUNNING on the other worker',
      async () => (await read()).every((s) => s.status === 'RUNNING' && s.workerId !== doomed),
      { timeoutMs: 120_000, intervalMs: 50 },
    );
    return { recoveredMs: performance.now() - t0, sessions };
  } finally {
    await platform.stop();
  }
}
