import type { ScriptDiff } from '@fleetwright/contracts';

/** Lines added and removed over all hunks (a hunk line starts with '+', '-' or ' '). */
export function countChanges(diff: Pick<ScriptDiff, 'hunks'>): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of diff.hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
  }
  return { added, removed };
}
