import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { readOrCreateSecret } from '@fleetwright/config';
import type { ClientToServerEvents, ServerToClientEvents } from '@fleetwright/contracts';
import {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  freePort,
  waitFor,
} from '@fleetwright/testing';
import { io, type Socket } from 'socket.io-client';

const cli = path.resolve(import.meta.dirname, '..', '..', 'bin', 'fleetwright.mjs');

export interface CliRun {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
}

/** `fleetwright <command>` as an operator runs it, with logs at info and no dashboard. */
export function runCli(command: string, env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [cli, command], {
    env: { ...(process.env as Record<string, string>), LOG_LEVEL: 'info', SERVE_DASHBOARD: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Its exit code; fails instead of hanging if it has not exited within `ms` (then it is killed). */
export async function exitWithin(run: CliRun, ms: number): Promise<number | null> {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  try {
    const code = await run.exited;
    if (run.child.signalCode === 'SIGKILL') throw new Error(`did not exit within ${ms} ms:\n${run.output()}`);
    return code;
  } finally {
    clearTimeout(timer);
  }
}

export type AllInOneSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface AllInOne extends CliRun {
  baseUrl: string;
  dataDir: string;
  administrator: Administrator;
  /** The administrator's API key, and JSON. */
  headers: Record<string, string>;
  /** A Socket.IO client, connected, as a dashboard tab is. */
  socket(): Promise<AllInOneSocket>;
}

/**
 * `fleetwright start`, the all-in-one mode (embedded PostgreSQL in `dataDir`, server, one worker),
 * ready and with its first account. The caller stops it (SIGTERM) or kills it.
 */
export async function startAllInOne(dataDir: string, env: Record<string, string> = {}): Promise<AllInOne> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const run = runCli('start', {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(await freePort()),
    ALLOW_PRIVATE_TARGETS: '1',
    ...env,
  });
  try {
    await waitFor('the platform', async () => (await fetch(`${baseUrl}/readyz`)).ok, {
      timeoutMs: 120_000,
      retryErrors: true,
    });
    const administrator = await bootstrapAdministrator(fetchCall(baseUrl), {
      setupToken: readOrCreateSecret(dataDir, 'setup-token'),
      origin: baseUrl,
    });
    const socket = async () => {
      const client: AllInOneSocket = io(baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: administrator.apiKey },
      });
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('connect_error', reject);
      });
      return client;
    };
    const headers = { authorization: `Bearer ${administrator.apiKey}`, 'content-type': 'application/json' };
    return { ...run, baseUrl, dataDir, administrator, headers, socket };
  } catch (error) {
    run.child.kill('SIGKILL');
    throw new Error(`fleetwright start did not come up: ${String(error)}\n${run.output()}`);
  }
}

/** Creates a session on the all-in-one platform and waits until it runs; answers its id. */
export async function runningSession(platform: AllInOne, startUrl: string): Promise<string> {
  const created = await fetch(`${platform.baseUrl}/api/v1/sessions`, {
    method: 'POST',
    headers: platform.headers,
    body: JSON.stringify({ name: 'all-in-one', startUrl }),
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  await waitFor(
    `session ${id} to run`,
    async () => {
      const response = await fetch(`${platform.baseUrl}/api/v1/sessions/${id}`, {
        headers: platform.headers,
      });
      return ((await response.json()) as { status: string }).status === 'RUNNING';
    },
    { timeoutMs: 60_000 },
  );
  return id;
}
