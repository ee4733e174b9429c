import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getWorker } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/index.ts';
import {
  type EventRecorder,
  isAlive,
  listProcesses,
  profileDirOf,
  recordEvents,
  rpc,
  startRunning,
  startSite,
  startTestDatabase,
  TEST_INTERNAL_TOKEN,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/main.ts');

let db: TestDatabase;
let site: TestSite;
let recorder: EventRecorder;

beforeAll(async () => {
  db = await startTestDatabase();
  recorder = await recordEvents(db.connectionString);
  site = await startSite({ '/': '<title>home</title><h1>home</h1>' });
});

afterAll(async () => {
  await recorder?.close();
  await site?.close();
  await db?.stop();
});

/** Runs `src/main.ts` the way the CLI and the container do. */
function spawnWorker(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: path.resolve(path.dirname(MAIN), '../../..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return { child, output: () => output };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('worker process', () => {
  it('retires a shared browser after BROWSER_RETIRE_AFTER contexts and replaces one that crashed', async () => {
    const worker = await startWorker({
      config: testConfig(db.tmpDir, { BROWSER_RETIRE_AFTER: '2' }),
      databaseUrl: db.connectionString,
      capacity: 10,
    });
    try {
      const first = await startRunning(db, { startUrl: `${site.url}/` });
      const second = await startRunning(db, { startUrl: `${site.url}/` });
      const third = await startRunning(db, { startUrl: `${site.url}/` });
      expect(second.browserPid).toBe(first.browserPid);
      expect(third.browserPid).not.toBe(first.browserPid);

      // The retired browser closes with its last context, and not before.
      await rpc(worker, `/rpc/sessions/${first.id}/stop`, { method: 'POST' });
      expect(isAlive(first.browserPid!)).toBe(true);
      await rpc(worker, `/rpc/sessions/${second.id}/stop`, { method: 'POST' });
      await waitFor('the retired browser to exit', async () => !isAlive(first.browserPid!));

      // A crash of the shared browser restarts its sessions in a fresh one.
      process.kill(third.browserPid!, 'SIGKILL');
      const restarted = await waitFor('the restart', async () => {
        if (
          recorder.statuses(third.id).at(-1) !== 'RUNNING' ||
          !recorder.statuses(third.id).includes('ERROR')
        ) {
          return undefined;
        }
        return waitForStatus(db, third.id, 'RUNNING');
      });
      expect(restarted.restartCount).toBe(1);
      expect(restarted.browserPid).not.toBe(third.browserPid);
      expect(restarted.lastError).toBe('the browser process exited');
    } finally {
      await worker.stop();
    }
  });

  it('makes browser-isolation profiles in PROFILE_DIR and removes them when the session stops', async () => {
    const root = path.join(db.tmpDir, 'profiles');
    mkdirSync(root);
    const worker = await startWorker({
      config: testConfig(db.tmpDir, { PROFILE_DIR: root }),
      databaseUrl: db.connectionString,
      capacity: 2,
    });
    try {
      const row = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
      const profile = profileDirOf(row.browserPid!)!;
      expect(path.dirname(profile)).toBe(root);
      expect(path.basename(profile)).toMatch(new RegExp(`^fleetwright-profile-${process.pid}-`));
      expect(existsSync(profile)).toBe(true);
      await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
      await waitFor('the profile directory to be removed', async () => !existsSync(profile));
    } finally {
      await worker.stop();
    }
  });

  it('leaves profiles and temporary directories behind when killed, and the next worker removes them (issue 9)', async () => {
    const root = path.join(db.tmpDir, 'killed-profiles');
    mkdirSync(root);
    const { child, output } = spawnWorker({
      DATABASE_URL: db.connectionString,
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      DATA_DIR: path.join(db.tmpDir, 'data'),
      PROFILE_DIR: root,
      WORKER_PORT: '0',
      LOG_LEVEL: 'info',
      ALLOW_PRIVATE_TARGETS: '1',
    });
    let next: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      await waitFor('the worker to start', async () => output().includes('"worker started"'));
      const own = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
      const shared = await startRunning(db, { startUrl: `${site.url}/` });
      const ownProfile = profileDirOf(own.browserPid!)!;
      expect(path.basename(ownProfile)).toMatch(new RegExp(`^fleetwright-profile-${child.pid}-`));
      // Playwright's own profile of the shared browser (and its artifacts folder) sit in the worker's TMPDIR.
      const workerTmp = path.dirname(profileDirOf(shared.browserPid!)!);
      expect(path.dirname(workerTmp)).toBe(os.tmpdir());
      expect(path.basename(workerTmp)).toMatch(new RegExp(`^fleetwright-worker-${child.pid}-`));

      child.kill('SIGKILL');
      await exitCode(child);
      await waitFor(
        'its browsers to exit',
        async () => !isAlive(own.browserPid!) && !isAlive(shared.browserPid!),
      );
      expect(existsSync(ownProfile)).toBe(true);
      expect(existsSync(workerTmp)).toBe(true);

      next = await startWorker({
        config: testConfig(db.tmpDir, { PROFILE_DIR: root }),
        databaseUrl: db.connectionString,
      });
      expect(existsSync(ownProfile)).toBe(false);
      expect(existsSync(workerTmp)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await next?.stop();
    }
  });

  it('removes at start only the leftover directories of processes that are gone, and only its own kinds (issue 9)', async () => {
    const root = path.join(db.tmpDir, 'leftovers');
    mkdirSync(root);
    const dead = spawn(process.execPath, ['-e', '']);
    await exitCode(dead);
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      const dirs = {
        deadProfile: path.join(root, `fleetwright-profile-${dead.pid}-aB3dE9`),
        liveProfile: path.join(root, `fleetwright-profile-${live.pid}-aB3dE9`),
        deadWorkerTmp: path.join(os.tmpdir(), `fleetwright-worker-${dead.pid}-aB3dE9`),
        liveWorkerTmp: path.join(os.tmpdir(), `fleetwright-worker-${live.pid}-aB3dE9`),
        // Not ours to judge: no PID in the name, or not our prefix.
        unowned: path.join(root, 'fleetwright-profile-123456'),
        foreign: path.join(root, `playwright-artifacts-${dead.pid}-x`),
      };
      for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
      mkdirSync(path.join(dirs.deadWorkerTmp, 'playwright-artifacts-Xy12Zz'));
      mkdirSync(path.join(dirs.deadWorkerTmp, 'playwright_chromiumdev_profile-Xy12Zz'));

      const worker = await startWorker({
        config: testConfig(db.tmpDir, { PROFILE_DIR: root }),
        databaseUrl: db.connectionString,
      });
      await worker.stop();
      expect(Object.fromEntries(Object.entries(dirs).map(([name, dir]) => [name, existsSync(dir)]))).toEqual({
        deadProfile: false,
        liveProfile: true,
        deadWorkerTmp: false,
        liveWorkerTmp: true,
        unowned: true,
        foreign: true,
      });
      for (const dir of [dirs.liveWorkerTmp]) rmSync(dir, { recursive: true, force: true });
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('refuses to start without DATABASE_URL and says how to fix it', async () => {
    const { child, output } = spawnWorker({
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      DATA_DIR: path.join(db.tmpDir, 'data'),
    });
    expect(await exitCode(child)).toBe(1);
    expect(output()).toContain('DATABASE_URL is not set');
  });

  it('stops its sessions, closes Chromium and exits 0 on SIGTERM', async () => {
    const { child, output } = spawnWorker({
      DATABASE_URL: db.connectionString,
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      DATA_DIR: path.join(db.tmpDir, 'data'),
      WORKER_PORT: '0',
      LOG_LEVEL: 'info',
      // The site under test is on 127.0.0.1.
      ALLOW_PRIVATE_TARGETS: '1',
    });
    try {
      await waitFor('the worker to start', async () => output().includes('"worker started"'));
      const own = await startRunning(db, { startUrl: `${site.url}/`, isolation: 'browser' });
      const shared = await startRunning(db, { startUrl: `${site.url}/` });
      const profileDir = profileDirOf(own.browserPid!)!;
      expect(existsSync(profileDir)).toBe(true);

      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);

      for (const row of [own, shared]) {
        const stopped = await waitForStatus(db, row.id, 'STOPPED', 1000);
        expect(stopped.workerId).toBeNull();
        expect(isAlive(row.browserPid!)).toBe(false);
      }
      expect(listProcesses().filter((process) => process.cmdline.includes(profileDir))).toEqual([]);
      expect(existsSync(profileDir)).toBe(false);
      expect((await getWorker(db.database.db, own.workerId!))?.stoppedAt).not.toBeNull();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
