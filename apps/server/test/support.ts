import { type Config, publicUrl, readOrCreateSecret } from '@fleetwright/config';
import { type DatabaseClient, registerWorker } from '@fleetwright/db';
import { createLogger } from '@fleetwright/logger';
import type { PgBoss } from '@fleetwright/queue';
import { bootstrapAdministrator, freePort } from '@fleetwright/testing';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { type App, type BuildAppOptions, buildApp } from '../src/app.ts';

export { freePort };

export const testLogger = () =>
  createLogger({ name: 'server-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A worker row as a worker process would register it; `address` is where its RPC listener would be. */
export async function insertWorker(
  database: DatabaseClient,
  values: { id: string; address: string; heartbeatSecondsAgo?: number },
): Promise<void> {
  await registerWorker(database.db, {
    id: values.id,
    host: 'test-host',
    address: values.address,
    version: 'test',
    capacity: 10,
  });
  if (values.heartbeatSecondsAgo) {
    await database.pool.query(
      `UPDATE workers SET heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`,
      [values.id, values.heartbeatSecondsAgo],
    );
  }
}

/** Puts a session in a state a worker would have put it in (RUNNING on `workerId`, …). */
export async function setSessionState(
  database: DatabaseClient,
  id: string,
  state: { status: string; workerId: string | null },
): Promise<void> {
  await database.pool.query(
    `UPDATE sessions SET status = $2::session_status, worker_id = $3,
       started_at = CASE WHEN $2::session_status = 'RUNNING' THEN now() END WHERE id = $1`,
    [id, state.status, state.workerId],
  );
}

/** Jobs of the start queue that a worker could still claim. */
export async function queuedStartJobs(boss: PgBoss, sessionId: string) {
  return boss.findJobs('session-start', { key: sessionId, queued: true });
}

/** A port on which nothing listens. */
export async function deadAddress(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** app.inject as a bootstrap HttpCall. */
export function injectCall(app: {
  inject: (options: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    payload?: unknown;
  }) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
}) {
  return async (request: {
    method: string;
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }) => {
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers,
      payload: request.body as object | undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const one of Array.isArray(value) ? value : [value])
        if (one !== undefined) headers.append(name, String(one));
    }
    let body: unknown = response.body;
    try {
      body = JSON.parse(response.body);
    } catch {}
    return { status: response.statusCode, headers, body };
  };
}

/**
 * The first account and an API key for it; `as` returns headers that authenticate with the key.
 * The app must use `config` (the setup token is read from its DATA_DIR).
 */
export async function signInAdministrator(app: Parameters<typeof injectCall>[0], config: Config) {
  const administrator = await bootstrapAdministrator(injectCall(app), {
    setupToken: readOrCreateSecret(config.DATA_DIR, 'setup-token'),
    origin: publicUrl(config),
  });
  return { ...administrator, headers: { authorization: `Bearer ${administrator.apiKey}` } };
}

/** What the suites pass to app.inject. */
export interface InjectOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'HEAD';
  url: string;
  payload?: string | object;
  headers?: Record<string, string>;
}

/** app.inject with extra headers, typed as app.inject's promise form. */
function injectAs(app: App, options: InjectOptions, headers: Record<string, string>) {
  return app.inject({ ...options, headers: { ...headers, ...options.headers } });
}

export interface TestApp {
  testDatabase: TestDatabase;
  app: App;
  /** The first account (platform administrator, ADMIN of the first organization) and its API key. */
  administrator: Awaited<ReturnType<typeof signInAdministrator>>;
  /** app.inject as the administrator's API key. */
  api(options: InjectOptions): ReturnType<typeof injectAs>;
  close(): Promise<void>;
}

/**
 * A throwaway database, the app on it (not listening) and the administrator signed in: what most
 * suites start from. `env` changes settings; `build` passes more to buildApp (events, resolveHost).
 */
export async function startTestApp(
  options: { env?: Record<string, string>; build?: Partial<BuildAppOptions> } = {},
): Promise<TestApp> {
  const testDatabase = await startTestDatabase({ env: options.env });
  const app = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger: testLogger(),
    ...options.build,
  });
  await app.ready();
  const administrator = await signInAdministrator(app, testDatabase.config);
  return {
    testDatabase,
    app,
    administrator,
    api: (request) => injectAs(app, request, administrator.headers),
    close: async () => {
      await app.close();
      await testDatabase.stop();
    },
  };
}
