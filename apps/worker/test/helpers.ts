import path from 'node:path';
import { type Config, loadConfig } from '@fleetwright/config';
import type { SessionStartJob } from '@fleetwright/contracts';
import {
  getSession,
  insertSession,
  type NewSessionRow,
  type SessionRow,
  sessionLogs,
  withTransaction,
} from '@fleetwright/db';
import { enqueueSessionStart } from '@fleetwright/queue';
import { waitFor } from '@fleetwright/testing';
import { TEST_INTERNAL_TOKEN, type TestDatabase } from '@fleetwright/testing/database';
import { eq } from 'drizzle-orm';
import pg from 'pg';

// Written once in @fleetwright/testing; the worker's suites import them from here with the rest.
export {
  descendantsOf,
  freePort,
  isAlive,
  listProcesses,
  profileDirOf,
  startSite,
  type TestSite,
  waitFor,
} from '@fleetwright/testing';
export { startTestDatabase, TEST_INTERNAL_TOKEN, type TestDatabase } from '@fleetwright/testing/database';

export function testConfig(tmpDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: path.join(tmpDir, 'data'),
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    WORKER_PORT: '0',
    LOG_LEVEL: 'warn',
    METRICS_INTERVAL_MS: '500',
    RESTART_BACKOFF_MS: '200',
    NAVIGATION_TIMEOUT_MS: '10000',
    // Short enough for the hung-page test to end soon, long enough that evaluating and measuring a
    // 50 MB result (worker-rpc.test.ts) does not run out of it on a busy 2-core machine (it did at 3 s).
    COMMAND_TIMEOUT_MS: '8000',
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

/**
 * The session's log lines once its start's lines are stored. A starting session's lines are held
 * and written after it is RUNNING, with its "started at" line: reading them right after the status
 * changes races the write.
 */
export async function startLogsOf(db: TestDatabase, sessionId: string) {
  await startedLog(db, sessionId);
  return logsOf(db, sessionId);
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
    { timeoutMs },
  );
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
