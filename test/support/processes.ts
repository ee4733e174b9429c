import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Pids of every descendant of `pid`, read from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * The temporary browser profiles (isolation `browser`) these processes run with. Other test files
 * running at the same time create their own, so a test checks the ones of its own processes.
 */
export function profileDirsOf(pids: number[]): string[] {
  const dirs = new Set<string>();
  for (const pid of pids) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const dir = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
      if (dir && path.basename(dir).startsWith('fleetwright-profile-')) dirs.add(dir);
    } catch {
      // The process ended while we looked.
    }
  }
  return [...dirs];
}
