import { existsSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { getSession, getWorker, sessionMetrics, updateSession } from '@fleetwright/db';
import { eq } from 'drizzle-orm';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  descendantsOf,
  type EventRecorder,
  freePort,
  listProcesses,
  logsOf,
  profileDirOf,
  recordEvents,
  rpc,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

let db: TestDatabase;
let site: TestSite;
let worker: WorkerHandle;
let recorder: EventRecorder;

beforeAll(async () => {
  db = await startTestDatabase();
  recorder = await recordEvents(db.connectionString);
  site = await startSite(
    {
      '/': '<title>home</title><h1>home</h1>',
      '/console': `<title>console</title><script>console.log('hello from the page'); console.error('bad thing');</script>`,
      '/other': '<title>other</title><h1>other page</h1>',
      '/animated': `<body><script>setInterval(() => { document.body.style.background = '#' + Math.floor(Math.random() * 999); }, 100)</script></body>`,
      '/flood': `<script>for (let i = 0; i < 1000; i++) console.log('line ' + i);</script>`,
    },
    ['/hang'],
  );
  worker = await startWorker({
    config: testConfig(db.tmpDir),
    databaseUrl: db.connectionString,
    capacity: 20,
    heartbeatSeconds: 1,
  });
});

afterAll(async () => {
  await worker?.stop();
  await recorder?.close();
  await site?.close();
  await db?.stop();
});

describe('worker', () => {
  it('runs a start job queued like the API does: RUNNING, owned by the worker, with its browser PID', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/` });
    expect(row.workerId).toBe(worker.id);
    expect(row.browserPid).toBeGreaterThan(0);
    expect(existsSync(`/proc/${row.browserPid}`)).toBe(true);
    expect(row.currentUrl).toBe(`${site.url}/`);
    expect(row.startedAt).not.toBeNull();
    await waitFor('the started line', async () =>
      (await logsOf(db, row.id)).some(
        (log) => log.source === 'lifecycle' && log.message.startsWith('started'),
      ),
    );
    expect(recorder.statuses(row.id)).toEqual(['STARTING', 'RUNNING']);
    const registered = await getWorker(db.database.db, worker.id);
    expect(registered?.address).toBe(worker.address);
  });

  it('stores console messages of the page as log rows with mapped levels', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/console` });
    const logs = await waitFor('console log rows', async () => {
      const rows = (await logsOf(db, row.id)).filter((log) => log.source === 'console');
      return rows.length >= 2 ? rows : undefined;
    });
    expect(logs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'info', message: 'hello from the page' }),
        expect.objectContaining({ level: 'error', message: 'bad thing' }),
      ]),
    );
    // Emitted after the rows are stored (a start's lines go out together once it runs).
    const emitted = await waitFor('the session.log event', async () =>
      recorder.events.find(
        (event) =>
          event.name === 'session.log' &&
          event.payload.sessionId === row.id &&
          event.payload.message === 'hello from the page',
      ),
    );
    expect(emitted.payload).toMatchObject({ level: 'info', source: 'console' });
  });

  it('samples metrics of running sessions in both isolation modes', async () => {
    const shared = await startRunning(db, { startUrl: `${site.url}/animated` });
    const own = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
    for (const row of [shared, own]) {
      const sample = await waitFor('a metrics sample', async () => {
        const rows = await db.database.db
          .select()
          .from(sessionMetrics)
          .where(eq(sessionMetrics.sessionId, row.id));
        return rows.find((metric) => metric.rssBytes > 0);
      });
      expect(sample.jsHeapBytes).toBeGreaterThan(0);
    }
  });

  it('restarts a browser-isolation session whose browser process was killed', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
    const oldPid = row.browserPid!;
    const profileDir = profileDirOf(oldPid);
    expect(profileDir).toBeDefined();
    process.kill(oldPid, 'SIGKILL');
    const restarted = await waitFor('the restarted session', async () => {
      const statuses = recorder.statuses(row.id);
      if (statuses.at(-1) !== 'RUNNING' || !statuses.includes('ERROR')) return undefined;
      return waitForStatus(db, row.id, 'RUNNING');
    });
    expect(recorder.statuses(row.id)).toEqual(['STARTING', 'RUNNING', 'ERROR', 'STARTING', 'RUNNING']);
    expect(restarted.restartCount).toBe(1);
    expect(restarted.lastError).toMatch(/browser process exited|closed unexpectedly/);
    expect(restarted.browserPid).not.toBe(oldPid);
    expect(existsSync(profileDir!)).toBe(false);
    // Log lines are written in batches, apart from the status changes they explain.
    const messages = await waitFor('the crash and restart lines', async () => {
      const all = (await logsOf(db, row.id)).map((log) => log.message);
      return all.includes('restart attempt 1 in 200 ms') ? all : undefined;
    });
    expect(messages.some((message) => message.startsWith('crashed:'))).toBe(true);
  });

  it('puts a session whose start URL is unreachable in ERROR and logs the reason', async () => {
    const closedPort = await freePort();
    const row = await createSession(db, { startUrl: `http://127.0.0.1:${closedPort}/` });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toContain('ERR_CONNECTION_REFUSED');
    expect(failed.workerId).toBeNull();
    const lines = await waitFor('the start failure line', async () => {
      const logs = await logsOf(db, row.id);
      return logs.some((log) => log.level === 'error' && log.source === 'lifecycle') ? logs : undefined;
    });
    expect(lines.find((log) => log.source === 'lifecycle' && log.level === 'error')?.message).toContain(
      'ERR_CONNECTION_REFUSED',
    );
  });

  it('refuses an unknown device preset with a clear reason', async () => {
    const row = await createSession(db, { startUrl: `${site.url}/`, device: 'Nokia 3310 Turbo' });
    const failed = await waitForStatus(db, row.id, 'ERROR');
    expect(failed.lastError).toContain('Unknown device preset "Nokia 3310 Turbo"');
  });

  it('sends the page traffic through the session proxy', async () => {
    const proxy = createProxy(http.createServer());
    const proxied: string[] = [];
    proxy.on('request', (request: http.IncomingMessage) => proxied.push(request.url ?? ''));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as net.AddressInfo;
      await startRunning(db, { startUrl: `${site.url}/other`, proxyUrl: `http://127.0.0.1:${port}` });
      expect(proxied).toContain(`${site.url}/other`);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('runs the page script on its interval and logs the results', async () => {
    const row = await startRunning(db, {
      startUrl: `${site.url}/`,
      script: { source: '() => document.title + "!"', intervalMin: 1, intervalMax: 1 },
    });
    const line = await waitFor('a script log line', async () =>
      (await logsOf(db, row.id)).find((log) => log.source === 'script'),
    );
    expect(line.message).toBe('script run 1: "home!"');
  });

  it('caps a flood of console lines and reports how many were dropped', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/flood` });
    const logs = await waitFor('the dropped-lines report', async () => {
      const rows = await logsOf(db, row.id);
      const reports = rows.filter((log) => log.message.includes('log lines dropped'));
      const dropped = reports.reduce((sum, log) => sum + Number(log.data?.dropped ?? 0), 0);
      const kept = rows.filter((log) => log.source === 'console');
      return kept.length + dropped === 1000 ? { kept, dropped } : undefined;
    });
    // The cap is 200 lines in any one-second window, which opens at the first line after the last
    // one closed. On a busy machine the 1000 lines can reach the worker over more than one window.
    const perWindow: number[] = [];
    let windowStart = Number.NEGATIVE_INFINITY;
    const times = logs.kept.map((log) => new Date(log.at).getTime()).sort((a, b) => a - b);
    for (const at of times) {
      if (at - windowStart >= 1000) {
        windowStart = at;
        perWindow.push(0);
      }
      perWindow[perWindow.length - 1] = (perWindow.at(-1) ?? 0) + 1;
    }
    expect(Math.max(...perWindow)).toBeLessThanOrEqual(200);
    expect(logs.dropped).toBeGreaterThanOrEqual(1000 - 200 * perWindow.length);
    expect(logs.dropped).toBeGreaterThan(0);
  });

  it('stops a session while its start page is still loading, without an error', async () => {
    const row = await createSession(db, { startUrl: `${site.url}/hang` });
    await waitForStatus(db, row.id, 'STARTING');
    await waitFor('the page request', async () => (site.hits.get('/hang') ?? 0) > 0);
    const response = await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
    expect(await response.json()).toEqual({ status: 'STOPPED' });
    const stopped = await waitForStatus(db, row.id, 'STOPPED');
    expect(stopped.lastError).toBeNull();
    expect(recorder.statuses(row.id)).toEqual(['STARTING', 'STOPPING', 'STOPPED']);
  });

  it('closes a session that the server took away from it (failover after a missed heartbeat)', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
    // What server maintenance does to the sessions of a worker it declared dead.
    await updateSession(db.database.db, row, { status: 'ERROR', workerId: null, lastError: 'worker lost' });
    await waitFor('the local session to close', async () => !existsSync(`/proc/${row.browserPid}`));
    const after = await getSession(db.database.db, row);
    expect(after).toMatchObject({ status: 'ERROR', lastError: 'worker lost' });
  });

  it('stops every session on stop() and leaves no Chromium process or profile directory', async () => {
    const ownA = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
    const ownB = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
    const shared = await startRunning(db, { startUrl: `${site.url}/` });
    const pids = [ownA.browserPid!, ownB.browserPid!, shared.browserPid!];
    const profiles = [profileDirOf(ownA.browserPid!)!, profileDirOf(ownB.browserPid!)!];
    expect(profiles.every((dir) => dir.includes('fleetwright-profile-') && existsSync(dir))).toBe(true);

    await worker.stop();

    const rows = await db.database.db.query.sessions.findMany();
    for (const session of rows.filter((r) => r.status !== 'ERROR')) {
      expect(session.status).toBe('STOPPED');
      expect(session.workerId).toBeNull();
    }
    expect(worker.activeSessions()).toBe(0);
    expect((await getWorker(db.database.db, worker.id))?.stoppedAt).not.toBeNull();
    const leftovers = await waitFor(
      'browser processes to exit',
      async () => {
        const alive = listProcesses().filter(
          (p) => pids.includes(p.pid) || profiles.some((dir) => p.cmdline.includes(dir)),
        );
        return alive.length === 0 ? alive : undefined;
      },
      5000,
    );
    expect(leftovers).toEqual([]);
    expect(descendantsOf(process.pid).filter((p) => /chrom/i.test(p.cmdline))).toEqual([]);
    for (const dir of profiles) expect(existsSync(dir)).toBe(false);
  });
});
