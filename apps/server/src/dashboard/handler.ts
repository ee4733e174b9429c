import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Answers one dashboard request (a Next.js request handler). */
export type DashboardHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export interface Dashboard {
  handle: DashboardHandler;
  close(): Promise<void>;
}

export interface DashboardOptions {
  /** The Next.js app directory (apps/web), holding a production build in `.next`. */
  dir: string;
}

/** Whether `next build` has run in `dir`. */
export function isDashboardBuilt(dir: string): boolean {
  return existsSync(path.join(dir, '.next', 'BUILD_ID'));
}

/**
 * Loads the production build of the dashboard as a request handler, or `null` when there is no
 * build. The web app is never imported: Next loads it from `dir` at run time.
 */
export async function createDashboardHandler(options: DashboardOptions): Promise<Dashboard | null> {
  const dir = path.resolve(options.dir);
  if (!isDashboardBuilt(dir)) return null;
  const { default: next } = await import('next');
  const app = next({ dev: false, dir, quiet: true });
  await app.prepare();
  const handle = app.getRequestHandler();
  return {
    handle: (request, response) => handle(request, response),
    close: () => app.close(),
  };
}
