import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Files that still run SQL of their own, and why, by the end of their path (so a move into another
 * folder keeps its entry).
 */
const ALLOWED: Record<string, string> = {
  // Hands its pool (failures logged) to @socket.io/postgres-emitter, which runs its own statements.
  '/session-events.ts': "the Socket.IO emitter's statements",
  // Runs pg-boss's own statements as prepared statements; it writes none.
  'packages/queue/src/prepared-statements.ts': "pg-boss's statements",
};

/** What running SQL looks like: Drizzle's builders or sql tag, or a query on a pg pool or client. */
const SQL_USE = [/from ['"]drizzle-orm/, /\bsql`/, /\.query(<[^>]*>)?\(/, /\.execute(<[^>]*>)?\(/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('SQL', () => {
  it('is written only in packages/db, outside the files that say why', () => {
    const roots = [
      path.join(ROOT, 'apps', 'server', 'src'),
      path.join(ROOT, 'apps', 'worker', 'src'),
      path.join(ROOT, 'bin'),
      ...readdirSync(path.join(ROOT, 'packages'))
        .filter((name) => name !== 'db' && name !== 'testing')
        .map((name) => path.join(ROOT, 'packages', name, 'src')),
    ];
    const offenders = roots
      .flatMap(sourceFiles)
      .map((file) => path.relative(ROOT, file))
      .filter((file) => !Object.keys(ALLOWED).some((allowed) => file.endsWith(allowed)))
      .filter((file) => SQL_USE.some((pattern) => pattern.test(readFileSync(path.join(ROOT, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });
});
