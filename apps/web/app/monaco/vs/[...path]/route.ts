import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * Serves monaco-editor's AMD build (`monaco-editor/min/vs/**`) from our own origin, so the
 * script editor works offline and under a CSP without third-party hosts; @monaco-editor/react
 * would otherwise load it from a CDN. The client points its loader at `/monaco/vs`.
 */

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

let vsRoot: string | undefined;

/** `<monaco-editor package>/min/vs`, resolved by Node at run time, never by the bundler. */
function resolveVsRoot(): string {
  if (vsRoot) return vsRoot;
  // Webpack rewrites `createRequire(...).resolve()` from an imported `createRequire` into its own
  // module registry (and fails); one fetched from `process.getBuiltinModule` is left alone.
  const { createRequire } = process.getBuiltinModule('node:module');
  // From this file's (source) location first; from the working directory if the build moved.
  const bases = [
    import.meta.url,
    path.join(process.cwd(), 'noop.js'),
    path.join(process.cwd(), 'apps/web/noop.js'),
  ];
  for (const base of bases) {
    try {
      const packageJson = createRequire(base).resolve('monaco-editor/package.json');
      vsRoot = path.join(path.dirname(packageJson), 'min', 'vs');
      return vsRoot;
    } catch {
      // Not resolvable from there: try the next base.
    }
  }
  throw new Error('monaco-editor is not installed');
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export async function GET(_request: Request, context: { params: Promise<{ path: string[] }> }) {
  const { path: segments } = await context.params;
  const extension = path.extname(segments.at(-1) ?? '').toLowerCase();
  const contentType = CONTENT_TYPES[extension];
  if (!contentType || segments.some((segment) => segment.includes('\0'))) return notFound();

  const root = resolveVsRoot();
  const file = path.resolve(root, ...segments);
  // `..` segments (or encoded ones) must not climb out of the package directory.
  if (!file.startsWith(root + path.sep)) return notFound();

  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return notFound();

  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      'content-type': contentType,
      'content-length': String(info.size),
      // The package version is pinned; a day keeps upgrades visible without refetching per visit.
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
    },
  });
}
