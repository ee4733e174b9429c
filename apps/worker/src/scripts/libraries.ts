import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ScriptLibrary } from '@fleetwright/contracts';
import type { Page } from 'playwright-core';
import { shortMessage, WorkerError } from '../errors.ts';

const require = createRequire(import.meta.url);

/**
 * Where each library's browser build is, in its npm package (never a CDN), and the global it
 * defines: a library already there is not injected twice.
 */
const LIBRARY_FILES: Record<ScriptLibrary, { file: () => string; global: string }> = {
  'axe-core': { file: () => require.resolve('axe-core/axe.min.js'), global: 'axe' },
  // The IIFE build defines `webVitals`; the package exports no path to it, so it is found beside
  // the UMD build its `require` condition names.
  'web-vitals': {
    file: () => path.join(path.dirname(require.resolve('web-vitals')), 'web-vitals.iife.js'),
    global: 'webVitals',
  },
};

const sources = new Map<ScriptLibrary, string>();

/** The library's browser build, read once per process (axe.min.js is ~550 kB). */
export function librarySource(library: ScriptLibrary): string {
  let source = sources.get(library);
  if (source === undefined) {
    source = readFileSync(LIBRARY_FILES[library].file(), 'utf8');
    sources.set(library, source);
  }
  return source;
}

/**
 * Runs each library's build in the page's main world, in the global scope (an indirect eval, as
 * a classic <script> would), unless its global is defined already. Through CDP, so the page's
 * Content-Security-Policy cannot refuse it as it would an injected <script> tag.
 */
export async function injectLibraries(page: Page, libraries: readonly ScriptLibrary[]): Promise<void> {
  for (const library of libraries) {
    const { global } = LIBRARY_FILES[library];
    try {
      await page.evaluate(
        ([name, source]) => {
          // Called through a variable, eval is indirect: the source runs in the global scope.
          // biome-ignore lint/security/noGlobalEval: the library's own build, from its npm package.
          const runGlobally = globalThis.eval;
          if (!(name in globalThis)) runGlobally(source);
        },
        [global, librarySource(library)] as const,
      );
    } catch (error) {
      throw new WorkerError('EVALUATE_FAILED', `Injecting ${library} failed: ${shortMessage(error)}`, {
        cause: error,
      });
    }
  }
}
