import { appendScriptVersion, insertScript, withTransaction } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  logsOf,
  startLogsOf,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
} from './helpers.ts';

/**
 * Issue 11: a session's page-script loop takes a saved script by reference. The worker reads the
 * pinned version, or the latest one, when the session starts; a saved script is an async function
 * body of `input` (`{ target }`) and gets its libraries first.
 */
let db: TestDatabase;
let site: TestSite;
let worker: WorkerHandle;

beforeAll(async () => {
  db = await startTestDatabase();
  site = await startSite({ '/': '<title>home</title><h1>home</h1>' });
  worker = await startWorker({
    config: testConfig(db.tmpDir),
    databaseUrl: db.connectionString,
    capacity: 10,
  });
});

afterAll(async () => {
  await worker?.stop();
  await site?.close();
  await db?.stop();
});

/** A script with version 1 and, if given, version 2 (the latest). */
async function saveScript(
  v1: string,
  v2?: string,
  libraries: ('axe-core' | 'web-vitals')[] = [],
): Promise<string> {
  return withTransaction(db.database.pool, async (tx) => {
    const row = await insertScript(
      tx.db,
      { organizationId: db.organizationId, name: 'saved' },
      { source: v1, libraries, message: '', authorUserId: null },
    );
    if (v2) {
      await appendScriptVersion(
        tx.db,
        { organizationId: db.organizationId, id: row.id },
        { source: v2, libraries, message: '', authorUserId: null },
      );
    }
    return row.id;
  });
}

async function firstScriptLine(sessionId: string): Promise<string> {
  // Generous: injecting axe-core (~550 kB) before the first run is slow on a busy 2-core machine.
  const line = await waitFor(
    'a script log line',
    async () => (await logsOf(db, sessionId)).find((log) => log.source === 'script'),
    { timeoutMs: 60_000 },
  );
  return line.message;
}

describe('a session with a saved script', () => {
  it('runs the latest version when none is pinned', async () => {
    const scriptId = await saveScript('return "v1";', 'return "v2 at " + new URL(input.target).pathname;');
    const row = await startRunning(db, {
      startUrl: `${site.url}/`,
      script: { scriptId, intervalMin: 1, intervalMax: 1 },
    });
    expect(await firstScriptLine(row.id)).toBe('script run 1: "v2 at /"');
  });

  it('runs the pinned version', async () => {
    const scriptId = await saveScript('return "v1";', 'return "v2";');
    const row = await startRunning(db, {
      startUrl: `${site.url}/`,
      script: { scriptId, version: 1, intervalMin: 1, intervalMax: 1 },
    });
    expect(await firstScriptLine(row.id)).toBe('script run 1: "v1"');
  });

  it('injects its libraries before it runs', async () => {
    const scriptId = await saveScript('return typeof axe.run;', undefined, ['axe-core']);
    const row = await startRunning(db, {
      startUrl: `${site.url}/`,
      script: { scriptId, intervalMin: 1, intervalMax: 1 },
    });
    expect(await firstScriptLine(row.id)).toBe('script run 1: "function"');
  });

  it('starts without its script, and says why, when the script is gone', async () => {
    const row = await startRunning(db, {
      startUrl: `${site.url}/`,
      script: { scriptId: '00000000-0000-4000-8000-00000000dead', intervalMin: 1, intervalMax: 1 },
    });
    const messages = (await startLogsOf(db, row.id)).map((log) => log.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/runs without its page script: .* no longer exists/),
    );
  });
});
