import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '@fleetwright/logger';

/**
 * Temporary directories a worker makes carry its PID: `fleetwright-profile-<pid>-XXXXXX` (a
 * `browser` session's profile, BrowserPool) and `fleetwright-worker-<pid>-XXXXXX` (the worker
 * process's TMPDIR: the shared browser's profile and Playwright's `playwright-artifacts-*` go there).
 * A worker killed with SIGKILL removes none of them; the next worker to start on the machine removes
 * those whose process is gone.
 */
export const WORKER_TMP_PREFIX = 'fleetwright-worker-';
const OWNED = /^fleetwright-(?:profile|worker)-(\d+)-/;

let systemTmp: string | null = null;

/** The OS temp directory, as it was before useWorkerTmpDir redirected TMPDIR. */
export function systemTmpdir(): string {
  return systemTmp ?? os.tmpdir();
}

/**
 * Points this process's TMPDIR at a directory of its own (`fleetwright-worker-<pid>-…` in the OS temp
 * directory), removed when the process exits. Playwright makes the shared browser's profile and its
 * artifacts folder in os.tmpdir() under names that say nothing of their owner; inside this directory
 * they are the worker's, and go with it even after a SIGKILL (sweepLeftovers). For the worker
 * process's entry (main.ts) only: TMPDIR is the process's.
 */
export function useWorkerTmpDir(): string {
  systemTmp = os.tmpdir();
  const dir = mkdtempSync(path.join(systemTmp, `${WORKER_TMP_PREFIX}${process.pid}-`));
  process.env.TMPDIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Whether a process with this PID exists (EPERM: it does, as another user's). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in each of `roots`, the directories of ours (the prefixes above) whose owning process is
 * gone. Those of this process are kept: in-process workers (tests) share its PID. A PID reused by an
 * unrelated process keeps its directory until that one exits too. Answers the paths removed.
 */
export function sweepLeftovers(roots: string[], logger: Logger): string[] {
  const removed: string[] = [];
  for (const root of new Set(roots)) {
    let names: string[];
    try {
      names = readdirSync(root);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = Number(OWNED.exec(name)?.[1]);
      if (!pid || pid === process.pid || isRunning(pid)) continue;
      const dir = path.join(root, name);
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        removed.push(dir);
      } catch (error) {
        logger.warn({ err: error, dir }, 'could not remove a leftover directory');
      }
    }
  }
  if (removed.length > 0) logger.info({ removed }, 'removed directories left by workers that died');
  return removed;
}
