import http from 'node:http';
import type net from 'node:net';

export interface TestSite {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves `pages` (path → HTML) from 127.0.0.1, as the site under test; requests to `hanging` paths
 * never get an answer (a page that does not load).
 */
export async function startSite(pages: Record<string, string>, hanging: string[] = []): Promise<TestSite> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    if (hanging.includes(pathname)) return;
    const page = pages[pathname];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  // Browsers keep connections open; a short keep-alive lets close() finish soon after the last page.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
