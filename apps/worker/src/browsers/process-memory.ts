import { readdir, readFile } from 'node:fs/promises';

/**
 * Memory of Chromium processes from Linux's /proc. DESIGN.md: measure PSS, never summed RSS —
 * Chromium's processes share most of their pages (binary, V8 snapshot, fonts), so summing RSS
 * counts them once per process. PSS divides each shared page among the processes that map it.
 */

const PAGE_SIZE = 4096;

/**
 * PSS of one process in bytes, from /proc/<pid>/smaps_rollup (Linux ≥ 4.14); RSS from statm when
 * that is not readable. 0 when the process is gone.
 */
export async function readProcessMemory(pid: number): Promise<number> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const match = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Fall through to statm (other user's process, old kernel) or report 0 (gone).
  }
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1] ?? 0) * PAGE_SIZE;
  } catch {
    return 0;
  }
}

export async function sumProcessMemory(pids: Iterable<number>): Promise<number> {
  const sizes = await Promise.all([...new Set(pids)].map((pid) => readProcessMemory(pid)));
  return sizes.reduce((total, size) => total + size, 0);
}

/** Parent → children, for every process visible in /proc. */
export type ProcessTree = Map<number, number[]>;

/** One pass over /proc/<pid>/stat; shared by every `browser`-isolation session in one metrics tick. */
export async function readProcessTree(): Promise<ProcessTree> {
  const tree: ProcessTree = new Map();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
        if (!stat) return;
        // "pid (comm) state ppid …": comm may contain spaces and parentheses, so parse after the last ')'.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z') return;
        const ppid = Number(fields[1]);
        const children = tree.get(ppid);
        if (children) children.push(Number(entry));
        else tree.set(ppid, [Number(entry)]);
      }),
  );
  return tree;
}

/** `root` and all its descendants. */
export function processTreeOf(tree: ProcessTree, root: number): number[] {
  const pids: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    pids.push(pid);
    stack.push(...(tree.get(pid) ?? []));
  }
  return pids;
}

/** Whether a process exists and is not a zombie. */
export async function isProcessAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return false;
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}
