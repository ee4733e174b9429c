import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

/** Every .ts file below src, as paths relative to it. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** The files below src that `file` imports (relative imports only), relative to src. */
function localImports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)].map((match) =>
    path.relative(SRC, path.resolve(SRC, path.dirname(file), match[1]!)),
  );
}

const routeFiles = sourceFiles().filter((file) => path.basename(file) === 'routes.ts');

describe('the server layout', () => {
  it('has a route file in each feature folder', () => {
    expect(routeFiles.map((file) => path.dirname(file)).sort()).toEqual(
      expect.arrayContaining([
        'accounts',
        'admin',
        'api-keys',
        'audit-logs',
        'auth',
        'dashboard',
        'devices',
        'health',
        'organizations',
        'proxies',
        'proxy-providers',
        'sessions',
        'workers',
      ]),
    );
  });

  it('registers every route file from app.ts and imports none anywhere else', () => {
    const importers = new Map(routeFiles.map((file) => [file, [] as string[]]));
    for (const file of sourceFiles()) {
      for (const imported of localImports(file)) importers.get(imported)?.push(file);
    }
    for (const [routes, by] of importers) expect({ routes, by }).toEqual({ routes, by: ['app.ts'] });
  });
});
