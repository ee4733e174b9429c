import os from 'node:os';
import { autogroupOf, threadNiceValues } from '@fleetwright/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  descendantsOf,
  recordEvents,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

/**
 * Issue 9, under saturation: the control plane stays responsive when Chromium saturates the CPU
 * (BROWSER_NICE), and a burst of starts is paced (START_CONCURRENCY).
 */

let db: TestDatabase;
let site: TestSite;

beforeAll(async () => {
  db = await startTestDatabase();
  site = await startSite({
    '/': '<title>home</title><script>setInterval(() => { document.title = String(Date.now()) }, 100)</script>',
  });
});

afterAll(async () => {
  await site?.close();
  await db?.stop();
});

/**
 * Every process of a browser's tree (zygotes, renderers, the GPU and utility processes) with the
 * nice values of all its threads, and the threads whose value is not `nice`.
 */
function browserTree(browserPid: number, nice: number) {
  const processes = [{ pid: browserPid, cmdline: 'browser' }, ...descendantsOf(browserPid)];
  return processes.map((process) => ({
    pid: process.pid,
    type: /--type=([a-z-]+)/.exec(process.cmdline)?.[1] ?? 'browser',
    others: threadNiceValues(process.pid).filter((value) => value !== nice),
  }));
}

/**
 * Where the kernel schedules by autogroup (sched_autogroup_enabled, outside cpu cgroups), the
 * group every process of the tree is in: one group, not the test's (Playwright starts Chromium as
 * a session leader). Undefined where there are no autogroups.
 */
function treeAutogroup(browserPid: number): { group: string; nice: number } | undefined {
  const own = autogroupOf('self');
  if (!own) return undefined;
  const groups = new Set(
    [browserPid, ...descendantsOf(browserPid).map((process) => process.pid)].map((pid) =>
      JSON.stringify(autogroupOf(pid)),
    ),
  );
  expect(groups.size).toBe(1);
  const group = autogroupOf(browserPid)!;
  expect(group.group).not.toBe(own.group);
  return group;
}

async function withWorker(overrides: Record<string, string>, run: (worker: WorkerHandle) => Promise<void>) {
  const worker = await startWorker({
    config: testConfig(db.tmpDir, overrides),
    databaseUrl: db.connectionString,
    capacity: 10,
  });
  try {
    await run(worker);
  } finally {
    await worker.stop();
  }
}

describe('browser priority (BROWSER_NICE)', () => {
  // Every thread Chromium starts inherits the value, and Chromium may not give its display-critical
  // threads (IO, compositors, viz) a value of its own (-8), which it does when it runs with
  // CAP_SYS_NICE (as root): those threads took the CPU from the browser's and a new session took
  // 5-20 s to start beside 200 repainting pages. The renderers of RUNNING sessions then give way to
  // those still starting (5 more). Where the kernel schedules by autogroup, the group's value
  // bounds the whole tree's share.
  it("runs every thread of every Chromium process at the configured nice value, and running sessions' renderers 5 above it (issue 9)", async () => {
    // No warm context: each session's renderer is created when it starts, long after the launch.
    await withWorker({ BROWSER_NICE: '7', WARM_CONTEXTS: '0' }, async () => {
      const first = await startRunning(db, { startUrl: `${site.url}/` });
      const second = await startRunning(db, { startUrl: `${site.url}/?second` });
      expect(second.browserPid).toBe(first.browserPid);
      const shared = browserTree(first.browserPid!, 7);
      expect(shared.some((process) => process.type === 'gpu-process')).toBe(true);
      expect(shared.some((process) => process.type === 'zygote')).toBe(true);
      expect(shared.filter((process) => process.type !== 'renderer' && process.others.length > 0)).toEqual(
        [],
      );
      // Moved once each session's renderer is identified, right after RUNNING.
      const renderers = await waitFor('both running renderers at 12', async () => {
        const found = browserTree(first.browserPid!, 12).filter((process) => process.type === 'renderer');
        return found.length >= 2 && found.every((process) => process.others.length === 0) ? found : undefined;
      });
      expect(renderers.length).toBeGreaterThanOrEqual(2);
      const group = treeAutogroup(first.browserPid!);
      if (group) expect(group.nice).toBe(7);

      const own = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
      expect(own.browserPid).not.toBe(first.browserPid);
      const ownTree = browserTree(own.browserPid!, 7);
      expect(ownTree.some((process) => process.type === 'renderer')).toBe(true);
      expect(ownTree.filter((process) => process.others.length > 0)).toEqual([]);
      const ownGroup = treeAutogroup(own.browserPid!);
      if (ownGroup) expect(ownGroup.nice).toBe(7);
    });
  });

  it("leaves Chromium at the worker's own priority with BROWSER_NICE=0", async () => {
    await withWorker({ BROWSER_NICE: '0', WARM_CONTEXTS: '0' }, async () => {
      const row = await startRunning(db, { startUrl: `${site.url}/` });
      // Zygotes: Chromium gives their main threads no value of its own.
      const zygotes = browserTree(row.browserPid!, os.getPriority()).filter(
        (process) => process.type === 'zygote',
      );
      expect(zygotes.length).toBeGreaterThan(0);
      expect(zygotes.filter((process) => process.others.length > 0)).toEqual([]);
      const group = treeAutogroup(row.browserPid!);
      if (group) expect(group.nice).toBe(autogroupOf('self')!.nice);
    });
  });
});

describe('start pacing (START_CONCURRENCY)', () => {
  it('starts a burst of sessions at most START_CONCURRENCY at a time, and all of them (issue 9)', async () => {
    const events = await recordEvents(db.connectionString);
    try {
      // Queued before the worker claims anything: one burst.
      const rows: Awaited<ReturnType<typeof createSession>>[] = [];
      for (let i = 0; i < 4; i++)
        rows.push(await createSession(db, { startUrl: `${site.url}/`, name: `burst ${i}` }));
      await withWorker({ START_CONCURRENCY: '1', WARM_CONTEXTS: '0' }, async () => {
        for (const row of rows) await waitForStatus(db, row.id, 'RUNNING');
      });
      const ids = new Set(rows.map((row) => row.id));
      const starts = events.events
        .filter((event) => event.name === 'session.status' && ids.has(String(event.payload.sessionId)))
        .map((event) => ({ id: String(event.payload.sessionId), status: String(event.payload.status) }))
        .filter((event) => event.status === 'STARTING' || event.status === 'RUNNING');
      // One start at a time: each STARTING is followed by that same session's RUNNING.
      expect(starts).toHaveLength(8);
      for (let i = 0; i < starts.length; i += 2) {
        expect(starts[i]).toMatchObject({ status: 'STARTING' });
        expect(starts[i + 1]).toEqual({ id: starts[i]!.id, status: 'RUNNING' });
      }
    } finally {
      await events.close();
    }
  });
});
