import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '@fleetwright/config';
import type { SessionStartJob } from '@fleetwright/contracts';
import {
  createDatabase,
  type DatabaseClient,
  ensureDefaultOrganization,
  getSession,
  insertSession,
  type NewSessionRow,
  runMigrations,
  type SessionRow,
  sessionLogs,
  withTransaction,
} from '@fleetwright/db';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '@fleetwright/db/embedded';
import { enqueueSessionStart, type PgBoss, startQueue } from '@fleetwright/queue';
import { freePort } from '@fleetwright/testing';
import { eq } from 'drizzle-orm';
import pg from 'pg';

export { freePort };

export interface TestDatabase {
  connectionString: string;
  database: DatabaseClient;
  boss: PgBoss;
  organizationId: string;
  tmpDir: string;
  stop(): Promise<void>;
}

/** A real, throwaway PostgreSQL with migrations applied and pg-boss queues created. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'fleetwright-worker-test-'));
  // As root, embedded Postgres runs as the `postgres` user, which must reach the cluster directory.
  chmodSync(tmpDir, 0o755);
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(tmpDir, 'pg'),
      port: await freePort(),
      ephemeral: true,
    });
  } catch (error) {
    rmSync(tmpDir, { recursive: true, force: true });
    throw error;
  }
  const database = createDatabase({ connectionString: embedded.connectionString });
  await runMigrations(database.db);
  const organization = await ensureDefaultOrganization(database.db);
  const boss = await startQueue({ connectionString: embedded.connectionString });
  return {
    connectionString: embedded.connectionString,
    database,
    boss,
    organizationId: organization.id,
    tmpDir,
    async stop() {
      await boss.stop({ graceful: false }).catch(() => {});
      await database.close().catch(() => {});
      await embedded.stop().catch(() => {});
      rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

/** INTERNAL_TOKEN of the workers `testConfig` configures. */
export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789';

export function testConfig(tmpDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: path.join(tmpDir, 'data'),
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    WORKER_PORT: '0',
    LOG_LEVEL: 'warn',
    METRICS_INTERVAL_MS: '500',
    RESTART_BACKOFF_MS: '200',
    NAVIGATION_TIMEOUT_MS: '10000',
    COMMAND_TIMEOUT_MS: '3000',
    // The sites under test are on 127.0.0.1; egress.test.ts runs the guard with its own addresses.
    ALLOW_PRIVATE_TARGETS: '1',
    ...overrides,
  });
}

/** Inserts a PENDING session and enqueues its start in one transaction, as the API does. */
export async function createSession(
  db: TestDatabase,
  values: Partial<NewSessionRow> & { startUrl: string },
): Promise<SessionRow> {
  return withTransaction(db.database.pool, async (tx) => {
    const row = await insertSession(tx.db, {
      organizationId: db.organizationId,
      name: values.name ?? 'test session',
      status: 'PENDING',
      ...values,
    });
    const job: SessionStartJob = {
      sessionId: row.id,
      organizationId: db.organizationId,
      attempt: 0,
      reason: 'start',
    };
    await enqueueSessionStart(db.boss, job, { db: tx.client });
    return row;
  });
}

/** Creates a PENDING session (as the API does) and waits until a worker has it RUNNING. */
export async function startRunning(
  db: TestDatabase,
  values: Partial<SessionRow> & { startUrl: string },
): Promise<SessionRow> {
  const row = await createSession(db, values);
  return waitForStatus(db, row.id, 'RUNNING');
}

/** The session's "started at" lifecycle line (written once it is RUNNING; it says whether the start took a warm context). */
export function startedLog(db: TestDatabase, sessionId: string) {
  return waitFor('the "started at" log line', async () =>
    (await logsOf(db, sessionId)).find(
      (log) => log.source === 'lifecycle' && log.message.startsWith('started at'),
    ),
  );
}

/** The session's stored log lines. */
export function logsOf(db: TestDatabase, sessionId: string) {
  return db.database.db.select().from(sessionLogs).where(eq(sessionLogs.sessionId, sessionId));
}

/** A request to a worker's RPC listener, with the internal token (or `token`). */
export function rpc(
  worker: { address: string },
  path: string,
  init: RequestInit = {},
  token = TEST_INTERNAL_TOKEN,
): Promise<Response> {
  return fetch(`${worker.address}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function waitForStatus(
  db: TestDatabase,
  id: string,
  status: SessionRow['status'],
  timeoutMs?: number,
): Promise<SessionRow> {
  return waitFor(
    `session ${id} to be ${status}`,
    async () => {
      const row = await getSession(db.database.db, { organizationId: db.organizationId, id });
      return row?.status === status ? row : undefined;
    },
    timeoutMs,
  );
}

export interface TestSite {
  url: string;
  /** Requests per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML) from 127.0.0.1; requests to `hanging` paths never get an answer. */
export async function startSite(pages: Record<string, string>, hanging: string[] = []): Promise<TestSite> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    if (hanging.includes(pathname)) return;
    const page = pages[pathname];
    if (page === undefined) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
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

export interface EventRecorder {
  events: { name: string; payload: Record<string, unknown> }[];
  statuses(sessionId: string): string[];
  close(): Promise<void>;
}

/**
 * Listens on the channel @socket.io/postgres-emitter publishes to (what every server replica's
 * Socket.IO adapter receives) and records the broadcast events.
 */
export async function recordEvents(connectionString: string): Promise<EventRecorder> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const events: EventRecorder['events'] = [];
  client.on('notification', (message) => {
    try {
      const document = JSON.parse(message.payload ?? '{}') as { data?: { packet?: { data?: unknown[] } } };
      const [name, payload] = document.data?.packet?.data ?? [];
      if (typeof name === 'string') events.push({ name, payload: payload as Record<string, unknown> });
    } catch {
      // Attachments (large payloads) are not needed by these tests.
    }
  });
  await client.query('LISTEN "socket.io#/"');
  return {
    events,
    statuses: (sessionId) =>
      events
        .filter((event) => event.name === 'session.status' && event.payload.sessionId === sessionId)
        .map((event) => String(event.payload.status)),
    close: () => client.end(),
  };
}

/** Live (non-zombie) processes, with their command lines. */
export function listProcesses(): { pid: number; ppid: number; cmdline: string }[] {
  const processes: { pid: number; ppid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      processes.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline });
    } catch {
      // Exited while listing.
    }
  }
  return processes;
}

/** Descendants of `root` (not including it). */
export function descendantsOf(root: number): { pid: number; ppid: number; cmdline: string }[] {
  const processes = listProcesses();
  const result: typeof processes = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const process of processes) {
      if (parents.has(process.ppid) && !parents.has(process.pid)) {
        parents.add(process.pid);
        result.push(process);
        grew = true;
      }
    }
  }
  return result;
}

/** The --user-data-dir of a running Chromium browser process. */
export function profileDirOf(pid: number): string | undefined {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
}
