import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startSite, waitFor } from '@fleetwright/testing';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const cli = path.join(repoRoot, 'bin', 'fleetwright.mjs');

/** A page for the sessions to open: it repaints every 200 ms, so the live view has frames to show. */
const SITE_PAGE = `<!doctype html><title>E2E site</title><h1>Hello from the e2e site</h1><p id="n">0</p>
  <script>let n = 0; setInterval(() => { document.getElementById('n').textContent = ++n; document.body.style.background = n % 2 ? '#eef' : '#fee'; }, 200);</script>`;

/**
 * Starts the whole platform the way a user does (`fleetwright start`) and stops it after the run.
 * No account exists yet: the `setup` project (auth.setup.ts) creates the administrator through
 * the /setup page, with the token this server wrote to `<DATA_DIR>/secrets/setup-token`.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  // `fleetwright setup`: finds Chromium, and rebuilds the dashboard when its sources changed since
  // the last build (by hash), so the run never tests a stale build.
  if (spawnSync(process.execPath, [cli, 'setup'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0) {
    throw new Error('fleetwright setup failed (see the output above)');
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-e2e-'));
  chmodSync(dataDir, 0o755); // embedded Postgres runs as the postgres user under root
  const [port, pgPort, site] = await Promise.all([freePort(), freePort(), startSite({ '/': SITE_PAGE })]);
  const platform = spawn(process.execPath, [cli, 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
      // The sessions open the site above, on 127.0.0.1: the SSRF guard refuses loopback otherwise.
      ALLOW_PRIVATE_TARGETS: '1',
      // Every sign-in of the suite comes from 127.0.0.1: the default (10 a minute per address on
      // sign-in, sign-up and 2FA) would refuse the later ones.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000',
      // Proxy checks (validation runs) go through the specs' loopback proxies to the server's own
      // echo rather than httpbin.org: no network, and the exit the echo sees is the proxy's.
      PROXY_CHECK_URL: `http://127.0.0.1:${port}/api/v1/proxies/check-echo`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    'fleetwright start to be ready',
    async () => {
      if (platform.exitCode !== null) throw new Error(`fleetwright start exited with ${platform.exitCode}`);
      return fetch(`${baseUrl}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  // Read by the config (baseURL, storageState) and the specs in the worker processes.
  process.env.FLEETWRIGHT_E2E_URL = baseUrl;
  process.env.FLEETWRIGHT_E2E_DATA_DIR = dataDir;
  process.env.FLEETWRIGHT_E2E_SITE = `${site.url}/`;
  // The embedded PostgreSQL (packages/db/src/embedded.ts's user and database), for the few rows
  // only the workers write, such as a proxy's country.
  process.env.FLEETWRIGHT_E2E_DATABASE_URL = `postgresql://fleetwright:fleetwright@127.0.0.1:${pgPort}/fleetwright`;
  return async () => {
    const exited = new Promise((resolve) => platform.once('exit', resolve));
    platform.kill('SIGTERM');
    await exited;
    await site.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
