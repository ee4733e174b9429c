import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Which Chromium build was found. The headless shell cannot run headed sessions. */
export type ChromiumKind = 'headless-shell' | 'chromium';

export interface ChromiumExecutable {
  path: string;
  kind: ChromiumKind;
  /** Where it was found: CHROMIUM_PATH, playwright or debian. */
  source: 'env' | 'playwright' | 'debian';
}

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
  constructor() {
    super(
      [
        "No Chromium found. Fleetwright needs Chromium's headless shell (or full Chromium). Get one of:",
        '  - Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium-headless-shell chromium',
        '  - Playwright:     npx playwright install chromium',
        '  - Any Chromium:   export CHROMIUM_PATH=/path/to/chrome',
      ].join('\n'),
    );
  }
}

function playwrightBrowsersDir(): string {
  const configured = process.env.PLAYWRIGHT_BROWSERS_PATH;
  if (configured && configured !== '0') return configured;
  return path.join(os.homedir(), '.cache', 'ms-playwright');
}

/** Newest Playwright-managed build whose folder starts with `prefix`, if any. */
function findPlaywrightManaged(prefix: string, candidates: string[]): string | undefined {
  const dir = playwrightBrowsersDir();
  if (!existsSync(dir)) return undefined;
  const builds = readdirSync(dir)
    .filter((name) => name.startsWith(prefix))
    .sort((a, b) => Number(b.split('-')[1]) - Number(a.split('-')[1]));
  for (const build of builds) {
    for (const candidate of candidates) {
      const file = path.join(dir, build, candidate);
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/**
 * Lookup order (DESIGN.md, Browsers): CHROMIUM_PATH; Playwright's managed headless shell, then its
 * Chromium; Debian's /usr/bin/chromium-headless-shell, then /usr/bin/chromium.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumExecutable | undefined {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) return undefined;
    const kind = /headless[-_]shell/.test(path.basename(configured)) ? 'headless-shell' : 'chromium';
    return { path: configured, kind, source: 'env' };
  }
  const shell = findPlaywrightManaged('chromium_headless_shell-', [
    'chrome-headless-shell-linux64/chrome-headless-shell',
    'chrome-linux/headless_shell',
  ]);
  if (shell) return { path: shell, kind: 'headless-shell', source: 'playwright' };
  const chromium = findPlaywrightManaged('chromium-', ['chrome-linux64/chrome', 'chrome-linux/chrome']);
  if (chromium) return { path: chromium, kind: 'chromium', source: 'playwright' };
  if (existsSync('/usr/bin/chromium-headless-shell')) {
    // Debian's /usr/bin/chromium-headless-shell is an `sh -e` wrapper that does not exec: use the
    // binary it runs, so the browser's pid is the process we started and no shell sits in between.
    const binary = '/usr/lib/chromium/chromium-headless-shell';
    return {
      path: existsSync(binary) ? binary : '/usr/bin/chromium-headless-shell',
      kind: 'headless-shell',
      source: 'debian',
    };
  }
  if (existsSync('/usr/bin/chromium'))
    return { path: '/usr/bin/chromium', kind: 'chromium', source: 'debian' };
  return undefined;
}

export function requireChromium(env: NodeJS.ProcessEnv = process.env): ChromiumExecutable {
  const found = findChromium(env);
  if (!found) throw new ChromiumNotFoundError();
  return found;
}

/** Playwright's own --disable-features list (a second switch would replace it, so it is repeated). */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * Launch arguments for our sessions. Full Chromium otherwise starts a hidden omnibox UI renderer
 * per context (~30 MB, idle CPU), hence the WebUIOmnibox features.
 */
export function chromiumArgs(kind: ChromiumKind): string[] {
  const args = [
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    '--disable-gpu',
  ];
  if (kind === 'chromium') {
    args.push(
      `--disable-features=${[
        ...PLAYWRIGHT_DISABLED_FEATURES,
        'WebUIOmniboxPopup',
        'WebUIOmniboxFullPopup',
        'WebUIOmniboxAimPopup',
      ].join(',')}`,
    );
  }
  // Chromium's sandbox needs user namespaces that root in a container does not get.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
