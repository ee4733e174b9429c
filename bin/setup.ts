import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ChromiumExecutable, ChromiumNotFoundError, findChromium } from '@fleetwright/browsers';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const webDir = path.join(repoRoot, 'apps', 'web');

function run(command: string, args: string[], options: { cwd?: string } = {}): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: options.cwd, env: process.env });
  return result.status === 0;
}

/**
 * Finds Chromium; when none is found and we are root on a Debian-like system, installs Debian's
 * headless shell and Chromium with apt. Otherwise throws with instructions.
 */
export function ensureChromium(): ChromiumExecutable {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.`);
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(
      'fleetwright: no Chromium found; installing Debian packages chromium-headless-shell and chromium…',
    );
    const ok =
      run('apt-get', ['update']) &&
      run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium-headless-shell', 'chromium']);
    const installed = ok ? findChromium() : undefined;
    if (installed) return installed;
  }
  throw new ChromiumNotFoundError();
}

/** Hash of everything the dashboard build depends on, so it is rebuilt only after a change. */
function dashboardSourceHash(): string {
  const hash = createHash('sha256');
  const roots = [webDir, path.join(repoRoot, 'packages', 'contracts', 'src')];
  const skip = new Set(['node_modules', '.next', 'test-results', 'playwright-report', 'e2e']);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (skip.has(entry.name)) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        hash.update(path.relative(repoRoot, file));
        hash.update(readFileSync(file));
      }
    }
  };
  for (const root of roots) walk(root);
  hash.update(
    JSON.stringify(
      JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')).packages?.[
        'node_modules/next'
      ] ?? {},
    ),
  );
  return hash.digest('hex');
}

/** Builds the Next.js dashboard when there is no build or its sources changed since. */
export function ensureDashboardBuild(): void {
  const stamp = path.join(webDir, '.next', 'fleetwright-source-hash');
  const wanted = dashboardSourceHash();
  if (
    existsSync(stamp) &&
    existsSync(path.join(webDir, '.next', 'BUILD_ID')) &&
    readFileSync(stamp, 'utf8') === wanted
  ) {
    return;
  }
  console.log('fleetwright: building the dashboard (next build)…');
  const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  if (!run(process.execPath, [nextBin, 'build'], { cwd: webDir })) {
    throw new Error('The dashboard build failed (see the output above).');
  }
  writeFileSync(stamp, wanted);
}
