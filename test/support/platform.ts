import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
import { startTestPostgres, type TestPostgres } from '@fleetwright/testing/database';
import { io, type Socket } from 'socket.io-client';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const cli = path.join(repoRoot, 'bin', 'fleetwright.mjs');

export type PlatformSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface WorkerProcess {
  process: ChildProcess;
  /** Sends a signal and waits for the process to exit; resolves with its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface Platform {
  baseUrl: string;
  databaseUrl: string;
  /** The first account, with an API key that every `api` call and `socket` use. */
  administrator: Administrator;
  /** fetch against the API with JSON in and out, as the administrator's API key. */
  api<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** A Socket.IO client already connected. */
  socket(): Promise<PlatformSocket>;
  startWorker(env?: Record<string, string>): Promise<WorkerProcess>;
  workers: WorkerProcess[];
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * The whole platform as separate processes, started the way an operator would: a real Postgres,
 * `fleetwright server` and `fleetwright worker` (through the CLI), no dashboard.
 */
export async function startPlatform(
  options: { workers?: number; env?: Record<string, string> } = {},
): Promise<Platform> {
  const children: ChildProcess[] = [];
  const sockets: PlatformSocket[] = [];
  // Its temporary directory is the platform's DATA_DIR too, and goes with it.
  const database: TestPostgres = await startTestPostgres();
  const dir = database.tmpDir;
  try {
    const port = await freePort();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: database.connectionString,
      DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      INTERNAL_TOKEN: randomBytes(24).toString('hex'),
      SERVE_DASHBOARD: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      RESTART_BACKOFF_MS: '200',
      METRICS_INTERVAL_MS: '1000',
      // Test pages are served on 127.0.0.1.
      ALLOW_PRIVATE_TARGETS: '1',
      // Tests poll every session they wait for every 50 ms: far more than the 600 calls a minute an
      // API key gets. On a busy machine, where starts are slow, the polls used the minute up and
      // the waits then saw only 429s until it ended (apps/server/test/rate-limit.test.ts tests the limit).
      RATE_LIMIT_API_PER_MINUTE: '100000',
      ...options.env,
    };
    const baseUrl = `http://127.0.0.1:${port}`;

    const server = spawn(process.execPath, [cli, 'server'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(server);
    await waitFor(
      'server /healthz',
      async () => (await fetch(`${baseUrl}/healthz`).catch(() => undefined))?.ok === true,
      { timeoutMs: 60_000, retryErrors: true },
    );
    const administrator = await bootstrapAdministrator(fetchCall(baseUrl), {
      setupToken: readOrCreateSecret(dir, 'setup-token'),
      origin: baseUrl,
    });
    const authorization = `Bearer ${administrator.apiKey}`;

    const workers: WorkerProcess[] = [];
    const startWorker = async (extra: Record<string, string> = {}): Promise<WorkerProcess> => {
      const child = spawn(process.execPath, [cli, 'worker'], {
        env: { ...env, ...extra },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      const handle: WorkerProcess = {
        process: child,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return waitForExit(child);
        },
      };
      const online = async () => {
        const response = await fetch(`${baseUrl}/api/v1/workers`, { headers: { authorization } });
        const body = (await response.json()) as { items: { status: string }[] };
        return body.items.filter((worker) => worker.status === 'ONLINE').length;
      };
      const wanted = (await online()) + 1;
      workers.push(handle);
      await waitFor('worker registration', async () => (await online()) >= wanted, {
        timeoutMs: 60_000,
        retryErrors: true,
      });
      return handle;
    };
    for (let i = 0; i < (options.workers ?? 1); i++) await startWorker();

    const api: Platform['api'] = async (method, route, body) => {
      const response = await fetch(`${baseUrl}/api/v1${route}`, {
        method,
        headers:
          body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const type = response.headers.get('content-type') ?? '';
      const parsed = type.includes('json')
        ? await response.json()
        : Buffer.from(await response.arrayBuffer());
      return { status: response.status, body: parsed as never };
    };

    const socket = async (): Promise<PlatformSocket> => {
      const client: PlatformSocket = io(baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        auth: { token: administrator.apiKey },
      });
      sockets.push(client);
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', reject);
      });
      return client;
    };

    return {
      baseUrl,
      databaseUrl: database.connectionString,
      administrator,
      api,
      socket,
      startWorker,
      workers,
      stop: async () => {
        for (const client of sockets) client.disconnect();
        for (const worker of workers) await worker.stop('SIGTERM');
        server.kill('SIGTERM');
        await waitForExit(server);
        await database.stop();
      },
    };
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    await database.stop();
    throw error;
  }
}
