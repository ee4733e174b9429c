import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestPages {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

const PAGES: Record<string, string> = {
  '/': `<!doctype html><title>Home</title><h1 id="title">Fleetwright test page</h1>
    <p>Tick: <span id="tick">0</span></p>
    <script>window.answer = 42; let n = 0; setInterval(() => { document.getElementById('tick').textContent = ++n; }, 1000);</script>`,
  '/second': '<!doctype html><title>Second</title><h1>Second page</h1>',
  '/console': `<!doctype html><title>Console</title><script>console.log('hello from the page'); console.error('page error line');</script>`,
};

/** Serves a few small pages from 127.0.0.1, as the sites under test. */
export async function startTestPages(): Promise<TestPages> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = PAGES[path];
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
