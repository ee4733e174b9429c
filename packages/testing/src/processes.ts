import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A process as /proc shows it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Its arguments joined by spaces. */
  cmdline: string;
}

/** Live (non-zombie) processes, with their command lines, read from /proc. */
export function listProcesses(): ProcessInfo[] {
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may itself hold spaces and parentheses: fields start after the last one.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      processes.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline });
    } catch {
      // Exited while listing.
    }
  }
  return processes;
}

/** Live descendants of `root` (not including it). */
export function descendantsOf(root: number): ProcessInfo[] {
  const processes = listProcesses();
  const result: ProcessInfo[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const process of processes) {
      if (parents.has(process.ppid) && !parents.has(process.pid)) {
        parents.add(process.pid);
        result.push(process);
        grew = true;
      }
    }
  }
  return result;
}

/** Whether a process with this pid exists and is not a zombie (an exited child nobody reaped yet). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The --user-data-dir of a running Chromium browser process; undefined once it is gone. */
export function profileDirOf(pid: number): string | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  } catch {
    return undefined;
  }
}

/**
 * The temporary browser profiles (isolation `browser`) these processes run with. Other test files
 * running at the same time create their own, so a test checks the ones of its own processes.
 */
export function profileDirsOf(pids: number[]): string[] {
  const dirs = new Set<string>();
  for (const pid of pids) {
    const dir = profileDirOf(pid);
    if (dir && path.basename(dir).startsWith('fleetwright-profile-')) dirs.add(dir);
  }
  return [...dirs];
}

/**
 * The nice values of a process's threads (all, or the listed thread ids), from
 * /proc/<pid>/task/<tid>/stat: on Linux a nice value belongs to a thread. Empty once it is gone.
 */
export function threadNiceValues(pid: number, ...tids: number[]): number[] {
  let threads: string[];
  try {
    threads = tids.length > 0 ? tids.map(String) : readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const values: number[] = [];
  for (const tid of threads) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Field 19 (nice) is the 17th after the command name: state is the 3rd.
      values.push(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread exited meanwhile.
    }
  }
  return values;
}

/** The autogroup a process is in and that group's nice value (/proc/<pid>/autogroup), if the kernel has them. */
export function autogroupOf(pid: number | 'self'): { group: string; nice: number } | undefined {
  try {
    const match = /^(\S+) nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
    return match ? { group: match[1]!, nice: Number(match[2]) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Proportional set size of a process, bytes (/proc/<pid>/smaps_rollup): its memory with shared
 * pages split among their users, so a tree's PSS adds up, where RSS would count them N times.
 * 0 for a process that is gone.
 */
export function pssOf(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}
