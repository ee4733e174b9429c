import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@fleetwright/testing';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** A page for the sessions to open: it repaints every 200 ms, so the live view has frames to show. */
function startSite(): Promise<http.Server> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!doctype html><title>E2E site</title><h1>Hello from the e2e site</h1><p id="n">0</p>
       <script>let n = 0; setInterval(() => { document.getElementById('n').textContent = ++n; document.body.style.background = n % 2 ? '#eef' : '#fee'; }, 200);</script>`,
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Starts the whole platform the way a user does (`fleetwright start`) and stops it after the run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-e2e-'));
  chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user under root
  const [port, pgPort, site] = await Promise.all([freePort(), freePort(), startSite()]);
  const platform = spawn(process.execPath, [path.join(repoRoot, 'bin', 'fleetwright.mjs'), 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (platform.exitCode !== null || Date.now() > deadline)
      throw new Error('fleetwright start did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.env.FLEETWRIGHT_E2E_URL = baseUrl;
  process.env.FLEETWRIGHT_E2E_SITE = `http://127.0.0.1:${(site.address() as net.AddressInfo).port}/`;
  return async () => {
    const exited = new Promise((resolve) => platform.once('exit', resolve));
    platform.kill('SIGTERM');
    await exited;
    site.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
