import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Passes over the tree at most: threads started while one pass runs are caught by the next. */
const MAX_PASSES = 3;

/** Live processes as (pid, parent pid), from /proc; empty where there is no /proc. */
function processParents(): Map<number, number> {
  const parents = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces and parentheses: fields start after the last one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // Exited while listing.
    }
  }
  return parents;
}

/** `root` and every live process below it. */
function processTree(root: number): number[] {
  const parents = processParents();
  const tree = [root];
  const inTree = new Set(tree);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (inTree.has(ppid) && !inTree.has(pid)) {
        inTree.add(pid);
        tree.push(pid);
        grew = true;
      }
    }
  }
  return tree;
}

/** The thread ids of a process; just its pid where /proc cannot tell. */
function threadsOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}

/** Raises one thread's nice value to `nice` (never lowers it); false if nothing changed. */
function raiseNice(tid: number, nice: number): boolean {
  try {
    if (os.getPriority(tid) >= nice) return false;
    os.setPriority(tid, nice);
    return true;
  } catch {
    // Exited meanwhile, or not ours to change.
    return false;
  }
}

/** A process's autogroup as /proc names it (`/autogroup-42`), or null where there are none. */
function autogroupOf(pid: number | 'self'): string | null {
  try {
    return /^(\S+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * Without CAP_SYS_ADMIN the kernel takes one autogroup change per 100 ms, machine-wide, and answers
 * EAGAIN to the others (kernel/sched/autogroup.c): a few tries, spaced by that.
 */
const AUTOGROUP_TRIES = 5;
const AUTOGROUP_RETRY_MS = 110;

/** Sets the nice value of the autogroup `pid` is in (the whole group's share of the CPU). */
async function setAutogroupNice(pid: number, nice: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await writeFile(`/proc/${pid}/autogroup`, String(nice));
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' || attempt >= AUTOGROUP_TRIES) return;
      await sleep(AUTOGROUP_RETRY_MS);
    }
  }
}

/**
 * Gives a Chromium browser process and everything below it (zygotes, renderers, utility
 * processes, each of their threads) the nice value `nice`, so the worker, the server and
 * PostgreSQL get the CPU first when pages saturate it (BROWSER_NICE). On Linux a nice value belongs
 * to a thread, not a process: setpriority(PRIO_PROCESS, pid) changes only the thread whose id is
 * `pid`. So every thread of every process in the tree is changed; the threads and processes
 * Chromium creates later (renderers forked by the zygote, their threads) inherit the value from
 * the thread that creates them. Never lowers a value (that needs privileges); 0 does nothing.
 *
 * Where the kernel groups processes by session (autogroup: sched_autogroup_enabled, outside cpu
 * cgroups), thread nice values only weigh threads of one group against each other, and Playwright
 * starts Chromium as a session leader, so in a group of its own that competes with the worker's as
 * an equal. There the group's own nice value is set too (never the worker's own group's).
 */
export async function lowerBrowserPriority(browserPid: number | null, nice: number): Promise<void> {
  if (!browserPid || nice <= 0) return;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const pid of processTree(browserPid)) {
      for (const tid of threadsOf(pid)) if (raiseNice(tid, nice)) changed = true;
    }
    if (!changed) break;
  }
  const group = autogroupOf(browserPid);
  if (group && group !== autogroupOf('self')) await setAutogroupNice(browserPid, nice);
}

/** How much lower than BROWSER_NICE the renderers of RUNNING `context` sessions run. */
const RUNNING_RENDERER_STEP = 5;

/**
 * The nice value of a RUNNING session's renderer in a shared browser: BROWSER_NICE + 5 (at most
 * 19; 0 when BROWSER_NICE is 0). A renderer starts at BROWSER_NICE (it inherits the zygote's
 * value) and is moved here once its session runs, so beside a fleet of busy pages a page that is
 * loading for a new session gets ~3× the CPU share of each of them. Measured with 200 repainting
 * pages on 2 cores: new session starts p95 3.3-3.9 s without it, 2.7 s with it.
 */
export function runningRendererNice(nice: number): number {
  return nice <= 0 ? 0 : Math.min(19, nice + RUNNING_RENDERER_STEP);
}

/** Gives every thread of one process the nice value `nice` (never lowers a value; 0 does nothing). */
export function lowerProcessPriority(pid: number, nice: number): void {
  if (nice <= 0) return;
  for (const tid of threadsOf(pid)) raiseNice(tid, nice);
}

/** CAP_SYS_NICE's bit in /proc/<pid>/status capability masks (linux/capability.h). */
const CAP_SYS_NICE = 23n;

/** Whether this process may lower nice values (CAP_SYS_NICE in its effective set: root outside a container, mostly). */
function hasSysNice(): boolean {
  try {
    const effective = /^CapEff:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return effective !== undefined && ((BigInt(`0x${effective}`) >> CAP_SYS_NICE) & 1n) === 1n;
  } catch {
    return false;
  }
}

const WITHOUT_SYS_NICE = fileURLToPath(new URL('./chromium-without-sys-nice.sh', import.meta.url));

/**
 * How to launch Chromium so that it keeps BROWSER_NICE: where it may, Chromium gives its
 * display-critical threads an absolute nice value of -8 (the browser's and each child's IO thread,
 * every renderer's compositor, the GPU process's viz compositor, the presentation thread pool).
 * Measured with 200 repainting pages on 2 cores, those threads took the CPU from the browser's own
 * (nice 10): a new session took 5-20 s to start, 1.5 s without them. Chromium may do so only with
 * CAP_SYS_NICE (root outside a container: Docker does not grant it), so there Chromium is started
 * through chromium-without-sys-nice.sh, which drops that capability before it runs. Elsewhere, or
 * with `nice` 0, Chromium is launched as it is.
 */
export function launchWithoutRaisedPriorities(
  executablePath: string,
  nice: number,
): { executablePath: string; env?: Record<string, string | undefined> } {
  if (nice <= 0 || !hasSysNice()) return { executablePath };
  return { executablePath: WITHOUT_SYS_NICE, env: { ...process.env, FLEETWRIGHT_CHROMIUM: executablePath } };
}
