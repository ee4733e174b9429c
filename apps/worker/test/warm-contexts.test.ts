import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  rpc,
  startedLog,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
} from './helpers.ts';

/** WARM_CONTEXTS: contexts a worker opens ahead of time for sessions with default settings. */

let db: TestDatabase;
let site: TestSite;

beforeAll(async () => {
  db = await startTestDatabase();
  site = await startSite({ '/': '<title>home</title><script>window.answer = 42</script>' });
});

afterAll(async () => {
  await site?.close();
  await db?.stop();
});

async function warmStart(worker: WorkerHandle, values: Parameters<typeof startRunning>[1]) {
  const row = await startRunning(db, values);
  const started = await startedLog(db, row.id);
  await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
  return { row, warm: (started.data as { warmContext?: boolean }).warmContext };
}

describe('warm contexts', () => {
  it('hands one to each session with default settings, refills after every start, and not to the others', async () => {
    const worker = await startWorker({
      config: testConfig(db.tmpDir, { WARM_CONTEXTS: '1' }),
      databaseUrl: db.connectionString,
      capacity: 10,
    });
    const ready = () => waitFor('a warm context', async () => worker.warmContexts() === 1);
    try {
      await ready();
      const first = await warmStart(worker, { startUrl: `${site.url}/` });
      expect(first.warm).toBe(true);
      expect(first.row.currentUrl).toBe(`${site.url}/`);

      // Refilled once the start settled, so the next default session is warm too.
      await ready();
      const row = await startRunning(db, {
        startUrl: `${site.url}/`,
        viewport: { width: 1280, height: 720 },
      });
      expect((await startedLog(db, row.id)).data).toMatchObject({ warmContext: true });
      // The page is the session's own, loaded from its start URL.
      const answer = await rpc(worker, `/rpc/sessions/${row.id}/evaluate`, {
        method: 'POST',
        body: JSON.stringify({ expression: 'window.answer + location.pathname' }),
      });
      expect(await answer.json()).toMatchObject({ value: '42/' });
      await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });

      // Settings that shape the context, or an own browser: a context of their own.
      await ready();
      expect((await warmStart(worker, { startUrl: `${site.url}/`, locale: 'de-DE' })).warm).toBe(false);
      expect(
        (await warmStart(worker, { startUrl: `${site.url}/`, viewport: { width: 800, height: 600 } })).warm,
      ).toBe(false);
      expect((await warmStart(worker, { startUrl: `${site.url}/`, isolation: 'browser' })).warm).toBe(false);
      // Those did not use up the warm one.
      expect(worker.warmContexts()).toBe(1);
    } finally {
      await worker.stop();
    }
    expect(worker.warmContexts()).toBe(0);
  });

  it('opens none with WARM_CONTEXTS=0', async () => {
    const worker = await startWorker({
      config: testConfig(db.tmpDir, { WARM_CONTEXTS: '0' }),
      databaseUrl: db.connectionString,
      capacity: 10,
    });
    try {
      const { warm } = await warmStart(worker, { startUrl: `${site.url}/` });
      expect(warm).toBe(false);
      expect(worker.warmContexts()).toBe(0);
    } finally {
      await worker.stop();
    }
  });
});
