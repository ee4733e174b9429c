import { workerRpcPath, workerRpcRoutes } from '@fleetwright/contracts';
import { getSession } from '@fleetwright/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  createSession,
  type EventRecorder,
  freePort,
  recordEvents,
  rpc,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
  waitForStatus,
} from './helpers.ts';

let db: TestDatabase;
let site: TestSite;
let worker: WorkerHandle;
let recorder: EventRecorder;

beforeAll(async () => {
  db = await startTestDatabase();
  recorder = await recordEvents(db.connectionString);
  site = await startSite(
    {
      '/': '<title>home</title><h1>home</h1>',
      '/other': '<title>other</title><h1>other page</h1>',
      '/strict-csp': `<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><title>strict</title>`,
      '/animated': `<body><script>setInterval(() => { document.body.style.background = '#' + Math.floor(Math.random() * 999); }, 100)</script></body>`,
    },
    ['/hang'],
  );
  worker = await startWorker({
    config: testConfig(db.tmpDir),
    databaseUrl: db.connectionString,
    capacity: 10,
  });
});

afterAll(async () => {
  await worker?.stop();
  await recorder?.close();
  await site?.close();
  await db?.stop();
});

describe('worker RPC', () => {
  it('answers RPC commands for a running session', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/` });
    const base = `/rpc/sessions/${row.id}`;

    expect(await (await rpc(worker, '/rpc/health')).json()).toEqual({ workerId: worker.id });

    const evaluate = (expression: string) =>
      rpc(worker, `${base}/evaluate`, { method: 'POST', body: JSON.stringify({ expression }) });
    expect(await (await evaluate('1 + 2')).json()).toEqual({ value: 3 });
    expect(await (await evaluate('async () => document.title')).json()).toEqual({ value: 'home' });
    const thrown = await evaluate('(() => { throw new Error("boom") })()');
    expect(thrown.status).toBe(422);
    expect(await thrown.json()).toMatchObject({
      code: 'EVALUATE_FAILED',
      message: expect.stringContaining('boom'),
    });
    const bigint = await evaluate('10n');
    expect(bigint.status).toBe(422);
    expect(await bigint.json()).toMatchObject({ code: 'EVALUATE_FAILED' });
    const hung = await evaluate('(() => { for (;;) {} })()');
    expect(hung.status).toBe(504);
    expect(await hung.json()).toMatchObject({ code: 'COMMAND_TIMEOUT' });
    // The busy loop was terminated: the page answers again.
    expect(await (await evaluate('document.title')).json()).toEqual({ value: 'home' });

    const navigated = await rpc(worker, `${base}/navigate`, {
      method: 'POST',
      body: JSON.stringify({ url: `${site.url}/other` }),
    });
    expect(await navigated.json()).toEqual({ url: `${site.url}/other` });
    await waitFor('the current URL to be recorded', async () => {
      const current = await getSession(db.database.db, { organizationId: db.organizationId, id: row.id });
      return current?.currentUrl === `${site.url}/other`;
    });
    // The event travels through its own NOTIFY: it may arrive after the row is updated.
    await waitFor('the url_changed event', async () =>
      recorder.events.some(
        (event) => event.name === 'session.url_changed' && event.payload.url === `${site.url}/other`,
      ),
    );

    const invalid = await rpc(worker, `${base}/navigate`, {
      method: 'POST',
      body: JSON.stringify({ url: 'ftp://nope' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('url'),
    });
    const unreachable = await rpc(worker, `${base}/navigate`, {
      method: 'POST',
      body: JSON.stringify({ url: `http://127.0.0.1:${await freePort()}/` }),
    });
    expect(unreachable.status).toBe(422);
    expect(await unreachable.json()).toMatchObject({
      code: 'NAVIGATION_FAILED',
      message: expect.stringContaining('ERR_CONNECTION_REFUSED'),
    });

    const screenshot = await rpc(worker, `${base}/screenshot?quality=70`);
    // Right after an error page: the capture may race its commit (see screenshotPage).
    const contentType = screenshot.headers.get('content-type');
    expect(contentType, contentType === 'image/jpeg' ? '' : await screenshot.clone().text()).toBe(
      'image/jpeg',
    );
    const bytes = Buffer.from(await screenshot.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const missing = await rpc(worker, '/rpc/sessions/00000000-0000-4000-8000-000000000000/evaluate', {
      method: 'POST',
      body: JSON.stringify({ expression: '1' }),
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'SESSION_NOT_ON_WORKER' });

    const stopped = await rpc(worker, `${base}/stop`, { method: 'POST' });
    expect(await stopped.json()).toEqual({ status: 'STOPPED' });
    const row2 = await waitForStatus(db, row.id, 'STOPPED');
    expect(row2.workerId).toBeNull();
    expect((await evaluate('1')).status).toBe(404);
  });

  it('refuses an evaluate result whose JSON is larger than EVALUATE_RESULT_MAX_BYTES (issue 9: a 50 MB body was answered)', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/` });
    const evaluate = async (expression: string) => {
      const response = await rpc(worker, `/rpc/sessions/${row.id}/evaluate`, {
        method: 'POST',
        body: JSON.stringify({ expression }),
      });
      return { status: response.status, text: await response.text() };
    };
    const maxBytes = 1024 * 1024; // the default
    for (const expression of [
      "'x'.repeat(50 * 1024 * 1024)",
      `Array.from({ length: ${maxBytes} }, (_, i) => i)`,
      // Fewer UTF-16 units than the limit, more UTF-8 bytes: measured again by the worker.
      `'é'.repeat(${maxBytes - 10})`,
    ]) {
      const refused = await evaluate(expression);
      expect(refused.status, expression).toBe(422);
      expect(refused.text.length).toBeLessThan(1000);
      expect(JSON.parse(refused.text)).toMatchObject({
        code: 'EVALUATE_RESULT_TOO_LARGE',
        message: expect.stringContaining(`at most ${maxBytes}`),
      });
    }
    // Just under the limit once quoted: answered whole, and the page is still there.
    const fits = await evaluate(`'x'.repeat(${maxBytes - 2})`);
    expect(fits.status).toBe(200);
    expect((JSON.parse(fits.text) as { value: string }).value).toHaveLength(maxBytes - 2);
    expect(JSON.parse((await evaluate('document.title')).text)).toEqual({ value: 'home' });
    // The other results keep their meaning.
    expect(JSON.parse((await evaluate('({ a: [1, null], b: undefined })')).text)).toEqual({
      value: { a: [1, null] },
    });
    expect(JSON.parse((await evaluate('undefined')).text)).toEqual({ value: null });
    const circular = await evaluate('(() => { const a = {}; a.a = a; return a; })()');
    expect(JSON.parse(circular.text)).toMatchObject({ code: 'EVALUATE_FAILED' });
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });

    // The page's CSP forbids eval: the command runs through CDP and is not bound by it.
    const strict = await startRunning(db, { startUrl: `${site.url}/strict-csp` });
    const response = await rpc(worker, `/rpc/sessions/${strict.id}/evaluate`, {
      method: 'POST',
      body: JSON.stringify({ expression: 'const a = 1; a + document.title.length' }),
    });
    expect(await response.json()).toEqual({ value: 7 });
    await rpc(worker, `/rpc/sessions/${strict.id}/stop`, { method: 'POST' });
  });

  it('streams live-view frames as NDJSON to a watcher', async () => {
    const row = await startRunning(db, { startUrl: `${site.url}/animated` });
    const controller = new AbortController();
    const response = await rpc(worker, `/rpc/sessions/${row.id}/frames`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    const frame = JSON.parse(text.split('\n')[0]!) as { data: string; width: number; height: number };
    expect(frame.width).toBe(1280);
    expect(frame.height).toBe(720);
    expect(Buffer.from(frame.data, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    controller.abort();
  });

  it('serves every route of the contract, each answering for the session it names', async () => {
    const unknownSession = '00000000-0000-4000-8000-000000000000';
    for (const route of Object.values(workerRpcRoutes)) {
      const path = route.path.includes(':id') ? workerRpcPath(route, unknownSession) : workerRpcPath(route);
      const response = await rpc(worker, path, {
        method: route.method,
        ...(route.method === 'POST' ? { body: '{}' } : {}),
      });
      const body = await response.json();
      if (route === workerRpcRoutes.health) expect(body).toEqual({ workerId: worker.id });
      // Not about a session (a script test run, issue 11): an empty body is refused as such.
      else if (!route.path.includes(':id'))
        expect({ path, status: response.status, body }).toMatchObject({
          path,
          status: 400,
          body: { code: 'INVALID_REQUEST' },
        });
      else
        expect({ path, status: response.status, body }).toMatchObject({
          path,
          status: 404,
          body: { code: 'SESSION_NOT_ON_WORKER' },
        });
    }
  });

  it('refuses requests without the internal token', async () => {
    const response = await rpc(worker, '/rpc/health', {}, 'wrong-token');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
    const missing = await fetch(`${worker.address}/rpc/health`);
    expect(missing.status).toBe(401);
  });

  it('answers 409 for a session that is still starting', async () => {
    const row = await createSession(db, { startUrl: `${site.url}/hang` });
    await waitForStatus(db, row.id, 'STARTING');
    await waitFor('the start page request', async () => (site.hits.get('/hang') ?? 0) > 0);
    const response = await rpc(worker, `/rpc/sessions/${row.id}/evaluate`, {
      method: 'POST',
      body: JSON.stringify({ expression: '1' }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'SESSION_NOT_RUNNING' });
    await rpc(worker, `/rpc/sessions/${row.id}/stop`, { method: 'POST' });
  });
});
