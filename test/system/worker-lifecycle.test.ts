import { existsSync } from 'node:fs';
import { descendantsOf, isAlive, profileDirsOf, waitFor } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPages, type TestPages } from '../support/pages.ts';
import { type Platform, startPlatform } from '../support/platform.ts';
import { createSession, waitForStatus } from '../support/sessions.ts';

let platform: Platform;
let pages: TestPages;

beforeAll(async () => {
  [platform, pages] = await Promise.all([startPlatform({ workers: 1 }), startTestPages()]);
});
afterAll(async () => {
  await platform?.stop();
  await pages?.close();
});

describe('worker lifecycle', () => {
  it('stops every session of a worker on SIGTERM and leaves no process or profile behind', async () => {
    const [worker] = platform.workers;
    const created = await Promise.all(
      (['context', 'context', 'browser'] as const).map((isolation, n) =>
        createSession(platform, { name: `sigterm-${n}`, startUrl: `${pages.url}/`, isolation }),
      ),
    );
    await Promise.all(created.map((session) => waitForStatus(platform, session.id, 'RUNNING')));
    const chromiumPids = descendantsOf(worker!.process.pid!).map((child) => child.pid);
    expect(chromiumPids.length).toBeGreaterThan(0);
    const profiles = profileDirsOf(chromiumPids);
    expect(profiles.length).toBeGreaterThan(0);

    expect(await worker!.stop('SIGTERM')).toBe(0);
    for (const session of created) {
      const stopped = await waitForStatus(platform, session.id, 'STOPPED', { timeoutMs: 5000 });
      expect(stopped.browserPid).toBeNull();
      expect(stopped.workerId).toBeNull();
    }
    await waitFor('no Chromium process left', () => chromiumPids.every((pid) => !isAlive(pid)), {
      timeoutMs: 10_000,
      retryErrors: true,
    });
    expect(profiles.filter((dir) => existsSync(dir))).toEqual([]);
  });

  it('answers WORKER_UNAVAILABLE, without hanging, once the owning worker is gone', async () => {
    const worker = await platform.startWorker();
    const session = await createSession(platform, { name: 'orphan', startUrl: `${pages.url}/` });
    await waitForStatus(platform, session.id, 'RUNNING');
    const chromiumPids = descendantsOf(worker.process.pid!).map((child) => child.pid);
    await worker.stop('SIGKILL');
    for (const pid of chromiumPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');

    const { status, body } = await platform.api('POST', `/sessions/${session.id}/evaluate`, {
      expression: '1',
    });
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'WORKER_UNAVAILABLE' });
    // Stopping a session whose worker is gone still works: nothing runs it any more.
    const stop = await platform.api('POST', `/sessions/${session.id}/stop`);
    expect(stop.status).toBe(200);
    await waitForStatus(platform, session.id, 'STOPPED');
  });
});
