import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Files that still run SQL of their own, and why. The worker's sources are not scanned yet: its
 * event publishing (pg_notify) and job LISTEN connection are to move into packages/db once its
 * folders have settled.
 */
const ALLOWED: Record<string, string> = {
  // Its advisory try-lock is held on one connection for a whole maintenance pass.
  'apps/server/src/maintenance/service.ts': 'pg_try_advisory_lock around a pass',
  // Runs pg-boss's own statements as prepared statements; it writes none.
  'packages/queue/src/index.ts': "pg-boss's statements",
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
      path.join(ROOT, 'bin'),
      ...readdirSync(path.join(ROOT, 'packages'))
        .filter((name) => name !== 'db' && name !== 'testing')
        .map((name) => path.join(ROOT, 'packages', name, 'src')),
    ];
    const offenders = roots
      .flatMap(sourceFiles)
      .map((file) => path.relative(ROOT, file))
      .filter((file) => !(file in ALLOWED))
      .filter((file) => SQL_USE.some((pattern) => pattern.test(readFileSync(path.join(ROOT, file), 'utf8'))));
    expect(offenders).toEqual([]);
  });
});
