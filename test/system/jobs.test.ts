import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { LocalDiskBlobStore } from '@fleetwright/blobs';
import { publicUrl, readOrCreateSecret } from '@fleetwright/config';
import { type Execution, type ExecutionDetail, queues } from '@fleetwright/contracts';
import { listenToChannel } from '@fleetwright/db';
import { SOCKET_IO_CHANNEL } from '@fleetwright/events';
import { createLogger } from '@fleetwright/logger';
import { loadKeyring } from '@fleetwright/secrets';
import {
  type App,
  buildApp,
  createMailer,
  HttpPoster,
  JobScheduler,
  startNotificationConsumer,
  sweepExecutions,
} from '@fleetwright/server';
import {
  type Administrator,
  bootstrapAdministrator,
  fetchCall,
  freePort,
  startSite,
  type TestSite,
  waitFor,
} from '@fleetwright/testing';
import { startTestDatabase, TEST_INTERNAL_TOKEN, type TestDatabase } from '@fleetwright/testing/database';
import { startWorker, type WorkerHandle } from '@fleetwright/worker';
import { unzipSync } from 'fflate';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestReceiver } from '../../apps/server/test/webhook-receiver.ts';

/**
 * Issue 11, jobs and executions end to end in one process: the API (app.inject), a real worker with
 * real Chromium on a site served from 127.0.0.1, the worker's own flow runner, a real PostgreSQL with
 * pg-boss. Scripts are saved through the API and found by the app's and the worker's default lookups
 * (the scripts table).
 */

const logger = createLogger({ name: 'jobs-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
/** A saved script (created in beforeAll) returning the page's title and its inputs. */
let savedScriptId = '';
let testDatabase: TestDatabase;
let blobs: LocalDiskBlobStore;
let app: App;
let administrator: Administrator;
let site: TestSite;
let worker: WorkerHandle | null = null;
let listener: pg.Client;
/** job.* events, as the servers' Socket.IO adapter reads them from NOTIFY. */
const events: { name: string; execution: Execution }[] = [];
/** The execution of the traced flow job (its artifacts are checked after it). */
let tracedExecutionId = '';
/**
 * A webhook for cancels and failures (nothing delivers here: its deliveries stay queued). Made
 * before the worker starts: a worker's outbox reads an organization's webhooks at most every 5 s.
 */
let endWebhookId = '';

async function startApp(): Promise<App> {
  const built = await buildApp({
    db: testDatabase.database.db,
    pool: testDatabase.database.pool,
    boss: testDatabase.boss,
    config: testDatabase.config,
    logger,
    blobs,
  });
  await built.ready();
  return built;
}

async function startTheWorker(): Promise<WorkerHandle> {
  worker ??= await startWorker({
    config: { ...testDatabase.config, WORKER_PORT: 0, LOG_LEVEL: 'warn', COMMAND_TIMEOUT_MS: 8000 },
    databaseUrl: testDatabase.connectionString,
    capacity: 6,
    heartbeatSeconds: 1,
    pollIntervalMs: 200,
    internalToken: TEST_INTERNAL_TOKEN,
    blobs,
  });
  return worker;
}

async function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${administrator.apiKey}` },
    ...(payload ? { payload } : {}),
  });
}

async function createJob(body: object) {
  const response = await api('POST', '/jobs', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; nextRunAt: string | null; lastExecution: { id: string } | null };
}

async function createScript(body: object): Promise<{ id: string }> {
  const response = await api('POST', '/scripts', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function execution(id: string): Promise<ExecutionDetail> {
  return (await api('GET', `/executions/${id}`)).json();
}

function finished(id: string, timeoutMs = 60_000): Promise<ExecutionDetail> {
  return waitFor(
    `execution ${id} to finish`,
    async () => {
      const current = await execution(id);
      return ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(current.status) ? current : undefined;
    },
    { timeoutMs },
  );
}

beforeAll(async () => {
  // The tests poll executions every 50 ms: more than an API key's minute allows.
  testDatabase = await startTestDatabase({ env: { RATE_LIMIT_API_PER_MINUTE: '100000' } });
  blobs = new LocalDiskBlobStore(path.join(testDatabase.tmpDir, 'blobs'));
  app = await startApp();
  // Listening only for the sign-up of the first account; the tests use app.inject.
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  administrator = await bootstrapAdministrator(fetchCall(`http://127.0.0.1:${port}`), {
    setupToken: readOrCreateSecret(testDatabase.config.DATA_DIR, 'setup-token'),
    origin: publicUrl(testDatabase.config),
  });
  savedScriptId = (
    await createScript({
      name: 'title and inputs',
      source: 'return { title: document.title, target: input.target, n: input.n };',
    })
  ).id;
  const webhook = await api('POST', '/webhooks', {
    url: 'http://127.0.0.1:9/hook',
    events: ['job.cancelled', 'job.failed'],
  });
  expect(webhook.statusCode, webhook.body).toBe(201);
  endWebhookId = webhook.json().id;
  site = await startSite({
    '/': `<title>Prices</title><h1>Prices</h1><table>
      <tr><td class="fruit">apple</td><td class="price">3</td></tr>
      <tr><td class="fruit">pear</td><td class="price">5</td></tr></table>`,
    '/other': '<title>Other</title><h1>Nothing to see</h1>',
    // Loaded by one flow job each: their request counts tell how often a run loaded them.
    '/loaded-once': '<title>Once</title><h1>Loaded once</h1>',
    '/loaded-twice': '<title>Twice</title><h1>Loaded twice</h1>',
  });
  listener = new pg.Client({ connectionString: testDatabase.connectionString });
  await listener.connect();
  listener.on('notification', (message) => {
    const { data } = JSON.parse(message.payload ?? '{}') as { data?: { packet?: { data?: unknown[] } } };
    const [name, payload] = data?.packet?.data ?? [];
    if (typeof name === 'string' && name.startsWith('job.'))
      events.push({ name, execution: (payload as { execution: Execution }).execution });
  });
  await listenToChannel(listener, SOCKET_IO_CHANNEL);
});

afterAll(async () => {
  await worker?.stop();
  await listener?.end();
  await app?.close();
  await site?.close();
  await testDatabase?.stop();
});

const priceFlow = {
  steps: [
    { type: 'goto', url: '{{target}}' },
    { type: 'assert', assert: 'text', selector: 'h1', expected: 'Prices' },
    { type: 'extract', as: 'fruits', selector: '.fruit', list: true },
    { type: 'extract', as: 'firstPrice', selector: '.price' },
    { type: 'screenshot', as: 'prices' },
  ],
};

describe('a queued execution', () => {
  it('survives a server restart: queued, server stopped and started, then run by a worker', async () => {
    const job = await createJob({
      name: 'before restart',
      kind: 'flow',
      flow: priceFlow,
      targets: [site.url],
      schedule: { type: 'now' },
    });
    const executionId = job.lastExecution!.id;
    expect((await execution(executionId)).status).toBe('QUEUED');
    await app.close();
    app = await startApp();
    expect((await execution(executionId)).status).toBe('QUEUED');
    await startTheWorker();
    const done = await finished(executionId);
    expect(done.status, JSON.stringify(done.results)).toBe('SUCCEEDED');
    expect(done.results).toHaveLength(1);
  });
});

describe('a flow job', () => {
  it('runs its sessions against the targets and returns what they extracted, as JSON and CSV', async () => {
    await startTheWorker();
    const job = await createJob({
      name: 'prices',
      kind: 'flow',
      flow: priceFlow,
      targets: [site.url, `${site.url}/`],
      sessionsPerTarget: 1,
      concurrency: 2,
      trace: true,
    });
    const run = await api('POST', `/jobs/${job.id}/run`);
    expect(run.statusCode, run.body).toBe(202);
    const queued = run.json() as Execution;
    expect(queued).toMatchObject({ status: 'QUEUED', trigger: 'manual', attempt: 1 });
    const done = await finished(queued.id, 150_000);
    tracedExecutionId = queued.id;
    expect(done, JSON.stringify(done.results.map((result) => result.error))).toMatchObject({
      status: 'SUCCEEDED',
      progress: { total: 2, done: 2, failed: 0 },
      error: null,
    });
    expect(done.results).toHaveLength(2);
    for (const result of done.results) {
      expect(result).toMatchObject({
        status: 'passed',
        data: { fruits: ['apple', 'pear'], firstPrice: '3' },
      });
      expect(result.steps.map((step) => step.status)).toEqual([
        'passed',
        'passed',
        'passed',
        'passed',
        'passed',
      ]);
      expect(result.artifacts.map((artifact) => artifact.kind).sort()).toEqual(['screenshot', 'trace']);
    }
    // Real sessions, with the execution's id, stopped at the end.
    const sessions = await testDatabase.database.pool.query(
      'SELECT status FROM sessions WHERE execution_id = $1',
      [queued.id],
    );
    expect(sessions.rows.map((row) => row.status)).toEqual(['STOPPED', 'STOPPED']);

    const json = await api('GET', `/executions/${queued.id}/data`);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toHaveLength(2);
    expect(json.json()[0]).toMatchObject({ status: 'passed', data: { fruits: ['apple', 'pear'] } });
    const csv = await api('GET', `/executions/${queued.id}/data?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('resultId,sessionId,target,status,fruits,firstPrice');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',passed,"[""apple"",""pear""]",3');

    const names = events.filter((event) => event.execution.id === queued.id).map((event) => event.name);
    expect(names[0]).toBe('job.started');
    expect(names.filter((name) => name === 'job.progress')).toHaveLength(2);
    expect(names.at(-1)).toBe('job.completed');
  }, 180_000);

  it('stores artifacts: the screenshot downloads as a PNG, the trace is a valid Playwright trace zip', async () => {
    const latest = { id: tracedExecutionId };
    const detail = await execution(latest.id);
    const artifacts = detail.results[0]!.artifacts;
    const screenshot = artifacts.find((artifact) => artifact.kind === 'screenshot')!;
    const png = await api('GET', `/executions/${latest.id}/artifacts/${screenshot.id}`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(png.rawPayload.length).toBe(screenshot.sizeBytes);
    expect(detail.results[0]!.steps[4]!.artifactId).toBe(screenshot.id);

    const trace = artifacts.find((artifact) => artifact.kind === 'trace')!;
    const zip = await api('GET', `/executions/${latest.id}/artifacts/${trace.id}`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(zip.rawPayload));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['trace.trace', 'trace.network']));
    const firstEvent = JSON.parse(new TextDecoder().decode(entries['trace.trace']!).split('\n')[0]!);
    expect(firstEvent).toMatchObject({ type: 'context-options' });

    const other = await api('GET', `/executions/${latest.id}/artifacts/${randomUUID()}`);
    expect([other.statusCode, other.json().code]).toEqual([404, 'ARTIFACT_NOT_FOUND']);
  });

  it('shows the logs of its sessions', async () => {
    const latest = { id: tracedExecutionId };
    const logs = await api('GET', `/executions/${latest.id}/logs`);
    expect(logs.statusCode).toBe(200);
    expect(logs.json().items.some((line: { message: string }) => line.message.startsWith('started at'))).toBe(
      true,
    );
  });

  it("loads the target once when the flow opens with a goto to it: the step keeps the session start's load", async () => {
    await startTheWorker();
    const byVariable = await createJob({
      name: 'goto the target',
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'extract', as: 'heading', selector: 'h1' },
        ],
      },
      targets: [`${site.url}/loaded-once`],
      schedule: { type: 'now' },
    });
    // The literal URL is the same load; a later goto to it is a reload the flow asks for.
    const byLiteral = await createJob({
      name: 'goto the literal url, then again',
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: `${site.url}/loaded-twice`, waitUntil: 'networkidle' },
          { type: 'goto', url: `${site.url}/loaded-twice` },
          { type: 'extract', as: 'heading', selector: 'h1' },
        ],
      },
      targets: [`${site.url}/loaded-twice`],
      schedule: { type: 'now' },
    });
    const [once, twice] = await Promise.all([
      finished(byVariable.lastExecution!.id, 90_000),
      finished(byLiteral.lastExecution!.id, 90_000),
    ]);
    expect(once.status, JSON.stringify(once.results)).toBe('SUCCEEDED');
    expect(once.results[0]!.data).toEqual({ heading: 'Loaded once' });
    expect(site.hits.get('/loaded-once')).toBe(1);
    expect(once.results[0]!.steps[0]).toMatchObject({
      type: 'goto',
      status: 'passed',
      reusedStartLoad: true,
    });

    expect(twice.status, JSON.stringify(twice.results)).toBe('SUCCEEDED');
    expect(twice.results[0]!.data).toEqual({ heading: 'Loaded twice' });
    expect(site.hits.get('/loaded-twice')).toBe(2);
    expect(twice.results[0]!.steps.map((step) => step.reusedStartLoad ?? false)).toEqual([
      true,
      false,
      false,
    ]);
  }, 120_000);
});

describe('a script job', () => {
  it("evaluates the script in each target's page with the inputs and the target", async () => {
    await startTheWorker();
    const job = await createJob({
      name: 'script',
      kind: 'script',
      scriptId: savedScriptId,
      targets: [site.url],
      inputs: { n: 7 },
    });
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    const done = await finished(run.id);
    expect(done.status).toBe('SUCCEEDED');
    expect(done.results[0]).toMatchObject({
      status: 'passed',
      data: { value: { title: 'Prices', target: site.url, n: 7 } },
      steps: [{ type: 'evaluate', status: 'passed' }],
    });
  });

  it('runs a saved script with its library: a pinned version, the latest, and a flow step by scriptId', async () => {
    await startTheWorker();
    const audit = await createScript({
      name: 'axe audit',
      libraries: ['axe-core'],
      source:
        'const report = await axe.run(document); return { version: 1, axe: typeof report.violations.length };',
    });
    const update = await api('PATCH', `/scripts/${audit.id}`, {
      source:
        'const report = await axe.run(document); return { version: 2, passes: report.passes.length > 0 };',
    });
    expect(update.statusCode, update.body).toBe(200);
    const runJob = async (body: object) => {
      const job = await createJob({ name: 'audit', targets: [site.url], ...body });
      const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
      const done = await finished(run.id);
      expect(done.status, JSON.stringify(done.results[0]?.error)).toBe('SUCCEEDED');
      return done.results[0]!;
    };

    const pinned = await runJob({ kind: 'script', scriptId: audit.id, scriptVersion: 1 });
    expect(pinned.data).toEqual({ value: { version: 1, axe: 'number' } });
    const latest = await runJob({ kind: 'script', scriptId: audit.id });
    expect(latest.data).toEqual({ value: { version: 2, passes: true } });
    const flow = await runJob({
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'evaluate', scriptId: audit.id, version: 1, as: 'first' },
          { type: 'evaluate', scriptId: audit.id, as: 'latest' },
        ],
      },
    });
    expect(flow.data).toMatchObject({
      first: { version: 1, axe: 'number' },
      latest: { version: 2, passes: true },
    });
  });

  it('refuses a script the organization does not have, naming scriptId', async () => {
    const response = await api('POST', '/jobs', {
      name: 'x',
      kind: 'script',
      scriptId: randomUUID(),
      targets: [site.url],
    });
    expect([response.statusCode, response.json().field]).toEqual([400, 'scriptId']);
  });
});

describe('a failing job', () => {
  // Three attempts of a failing assert, up to 90 s on a loaded machine (its waitFor's own bound).
  it('retries with backoff as configured, then is FAILED, and notifies on failure once', async () => {
    await startTheWorker();
    const channelId = randomUUID();
    const job = await createJob({
      name: 'failing',
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'assert', assert: 'text', selector: 'h1', expected: 'Prices' },
        ],
      },
      targets: [`${site.url}/other`],
      retries: { limit: 2, delaySeconds: 1, backoff: true },
      notifications: [{ channelId, on: ['failure', 'success'] }],
    });
    await api('POST', `/jobs/${job.id}/run`);
    const attempts = await waitFor(
      'three finished attempts',
      async () => {
        const items = (await api('GET', `/executions?jobId=${job.id}`)).json().items as Execution[];
        return items.length === 3 && items.every((item) => item.status === 'FAILED') ? items : undefined;
      },
      { timeoutMs: 90_000 },
    );
    const [first, second, third] = attempts.sort((a, b) => a.attempt - b.attempt);
    expect([first!.attempt, second!.attempt, third!.attempt]).toEqual([1, 2, 3]);
    // Each retry is due delaySeconds × 2^(attempt − 1) after the attempt before it failed.
    const gap = (before: Execution, after: Execution) =>
      new Date(after.scheduledFor).getTime() - new Date(before.finishedAt!).getTime();
    expect(gap(first!, second!)).toBeGreaterThanOrEqual(1000);
    expect(gap(first!, second!)).toBeLessThan(2000);
    expect(gap(second!, third!)).toBeGreaterThanOrEqual(2000);
    expect(gap(second!, third!)).toBeLessThan(3000);
    const detail = await execution(third!.id);
    expect(detail.error).toMatchObject({ code: 'SESSIONS_FAILED' });
    expect(detail.results[0]).toMatchObject({ status: 'failed', error: { code: 'ASSERTION_FAILED' } });
    const notifications = await testDatabase.boss.findJobs(queues.notification, { queued: true });
    expect(notifications.map((queued) => queued.data)).toEqual([
      {
        organizationId: administrator.organizationId,
        channelId,
        jobId: job.id,
        executionId: third!.id,
        outcome: 'failure',
      },
    ]);
  }, 120_000);
});

describe('a notification rule', () => {
  it('posts to a Slack channel naming the job and the first error, then recovery once', async () => {
    await startTheWorker();
    const receiver = await startTestReceiver();
    const { config, database, boss } = testDatabase;
    const poster = new HttpPoster({ allowPrivate: config.ALLOW_PRIVATE_TARGETS, timeoutMs: 5000 });
    // The default subject loader: the executions table names the job and its first error.
    const consumer = await startNotificationConsumer({
      db: database.db,
      boss,
      // The app's keys: from the same DATA_DIR, so the channel's stored URL decrypts.
      keyring: loadKeyring(config),
      config,
      poster,
      mailer: createMailer({ config, db: database.db, logger }),
      logger,
    });
    try {
      const slackPath = '/slack/T000/B000/XXXX';
      const channel = await api('POST', '/notification-channels', {
        kind: 'slack',
        name: 'Checkout alerts',
        url: `${receiver.url}${slackPath}`,
      });
      expect(channel.statusCode, channel.body).toBe(201);
      const job = await createJob({
        name: 'checkout watch',
        kind: 'flow',
        flow: {
          steps: [
            { type: 'goto', url: '{{target}}' },
            { type: 'assert', assert: 'text', selector: 'h1', expected: 'Prices' },
          ],
        },
        targets: [`${site.url}/other`],
        notifications: [{ channelId: channel.json().id, on: ['failure', 'recovery'] }],
      });
      const messages = () =>
        receiver.received
          .filter((request) => request.path === slackPath)
          .map((request) => (JSON.parse(request.body) as { text: string }).text);
      const runToEnd = async () => {
        const run = await api('POST', `/jobs/${job.id}/run`);
        expect(run.statusCode, run.body).toBe(202);
        return finished((run.json() as Execution).id);
      };

      const failed = await runToEnd();
      expect(failed.status).toBe('FAILED');
      const [failure] = await waitFor('the failure message', () => messages().length > 0 && messages());
      expect(failure).toContain('Fleetwright: checkout watch failed');
      // The first failed session's error, not the execution's count of failed sessions.
      expect(failure).toMatch(/Error: ASSERTION_FAILED: .*Prices/);
      expect(failure).toContain(`/executions/${failed.id}`);

      const patched = await api('PATCH', `/jobs/${job.id}`, { targets: [site.url] });
      expect(patched.statusCode, patched.body).toBe(200);
      const recovered = await runToEnd();
      expect(recovered.status).toBe('SUCCEEDED');
      await waitFor('the recovery message', () => messages().length > 1);
      expect(messages()[1]).toContain('Fleetwright: checkout watch recovered (succeeded after failing)');
      expect(messages()[1]).toContain(`/executions/${recovered.id}`);

      // A second success in a row is no recovery: nothing more is queued, and nothing more is sent.
      expect((await runToEnd()).status).toBe('SUCCEEDED');
      const queued = await boss.findJobs<{ outcome: string }>(queues.notification, {
        data: { jobId: job.id },
      });
      expect(queued.map((queuedJob) => queuedJob.data.outcome).sort()).toEqual(['failure', 'recovery']);
      await waitFor('both notifications handled', async () => {
        const jobs = await boss.findJobs(queues.notification, { data: { jobId: job.id } });
        return jobs.every((queuedJob) => queuedJob.state === 'completed');
      });
      expect(messages()).toHaveLength(2);
    } finally {
      await consumer.stop();
      await poster.close();
      await receiver.close();
    }
  });
});

describe('cancel', () => {
  /** How the execution ended, as the webhook's deliveries tell it. */
  function deliveredEndEventsOf(executionId: string): Promise<string[]> {
    return waitFor('the webhook delivery of the end event', async () => {
      const { rows } = await testDatabase.database.pool.query(
        "SELECT event FROM webhook_deliveries WHERE webhook_id = $1 AND data->'execution'->>'id' = $2",
        [endWebhookId, executionId],
      );
      return rows.length > 0 ? rows.map((row) => row.event as string) : undefined;
    });
  }

  it("stops a running execution's sessions; its results say cancelled", async () => {
    await startTheWorker();
    const job = await createJob({
      name: 'long',
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'wait', ms: 60_000 },
        ],
      },
      targets: [site.url],
      sessionsPerTarget: 2,
    });
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    await waitFor('the sessions to run', async () => {
      const { rows } = await testDatabase.database.pool.query(
        "SELECT count(*)::int AS running FROM sessions WHERE execution_id = $1 AND status = 'RUNNING'",
        [run.id],
      );
      return rows[0].running === 2;
    });
    const cancel = await api('POST', `/executions/${run.id}/cancel`);
    expect(cancel.statusCode, cancel.body).toBe(202);
    const done = await finished(run.id);
    expect(done.status).toBe('CANCELLED');
    expect(done.results.map((result) => result.status)).toEqual(['cancelled', 'cancelled']);
    const { rows } = await testDatabase.database.pool.query(
      'SELECT status FROM sessions WHERE execution_id = $1',
      [run.id],
    );
    expect(rows.map((row) => row.status)).toEqual(['STOPPED', 'STOPPED']);
    const again = await api('POST', `/executions/${run.id}/cancel`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'EXECUTION_FINISHED']);
    expect(await deliveredEndEventsOf(run.id)).toEqual(['job.cancelled']);
    // The worker's Socket.IO packets (this app publishes none: no events option).
    const published = await waitFor('the end event on the stream', () => {
      const names = events.filter((event) => event.execution.id === run.id).map((event) => event.name);
      return names.some((name) => name !== 'job.started' && name !== 'job.progress') ? names : undefined;
    });
    expect(published.at(-1)).toBe('job.cancelled');
    expect(published).not.toContain('job.failed');
  });

  it('cancels a queued execution at once', async () => {
    const job = await createJob({ name: 'later', kind: 'flow', flow: priceFlow, targets: [site.url] });
    await worker?.stop();
    worker = null;
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    const cancel = await api('POST', `/executions/${run.id}/cancel`);
    expect([cancel.statusCode, cancel.json().status]).toEqual([202, 'CANCELLED']);
    expect(await testDatabase.boss.findJobs(queues.jobExecution, { key: run.id, queued: true })).toEqual([]);
    expect(await deliveredEndEventsOf(run.id)).toEqual(['job.cancelled']);
  });
});

describe('the timeout', () => {
  it('fails the execution with TIMEOUT and stops its sessions', async () => {
    await startTheWorker();
    const job = await createJob({
      name: 'too slow',
      kind: 'flow',
      flow: {
        steps: [
          { type: 'goto', url: '{{target}}' },
          { type: 'wait', ms: 60_000 },
        ],
      },
      targets: [site.url],
      timeoutSeconds: 10,
    });
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    const done = await finished(run.id, 60_000);
    expect(done).toMatchObject({ status: 'FAILED', error: { code: 'TIMEOUT' } });
    expect(done.results[0]).toMatchObject({ status: 'failed', error: { code: 'TIMEOUT' } });
    const { rows } = await testDatabase.database.pool.query(
      'SELECT status FROM sessions WHERE execution_id = $1',
      [run.id],
    );
    expect(rows.map((row) => row.status)).toEqual(['STOPPED']);
  });
});

describe('the scheduler', () => {
  it('fires a recurring job on tick, once, however many schedulers tick', async () => {
    const job = await createJob({
      name: 'every five minutes',
      kind: 'flow',
      flow: priceFlow,
      targets: [site.url],
      schedule: { type: 'cron', cron: '*/5 * * * *', timezone: 'Europe/Lisbon' },
    });
    const due = new Date(job.nextRunAt!);
    expect(due.getTime() % (5 * 60_000)).toBe(0);
    const options = {
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      logger,
    };
    const [a, b] = [new JobScheduler(options), new JobScheduler(options)];
    expect(await a.tick(new Date(due.getTime() - 1))).toEqual([]);
    const fired = (await Promise.all([a.tick(due), b.tick(due), a.tick(due)])).flat();
    expect(fired.filter((row) => row.jobId === job.id)).toHaveLength(1);
    expect(fired[0]).toMatchObject({ trigger: 'schedule', status: 'QUEUED', scheduledFor: due });
    const after = (await api('GET', `/jobs/${job.id}`)).json();
    expect(new Date(after.nextRunAt).getTime()).toBe(due.getTime() + 5 * 60_000);
  });

  it('wakes by itself at the due time of a job created after it started (the API NOTIFYs it)', async () => {
    const scheduler = new JobScheduler({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      logger,
      connectionString: testDatabase.connectionString,
    });
    await scheduler.start();
    try {
      const at = new Date(Date.now() + 1500);
      const job = await createJob({
        name: 'at a time',
        kind: 'flow',
        flow: priceFlow,
        targets: [site.url],
        schedule: { type: 'at', at: at.toISOString() },
      });
      const fired = await waitFor('the run to fire', async () => {
        const items = (await api('GET', `/executions?jobId=${job.id}`)).json().items as Execution[];
        return items[0];
      });
      expect(fired).toMatchObject({ trigger: 'schedule', scheduledFor: at.toISOString() });
      expect((await api('GET', `/jobs/${job.id}`)).json().nextRunAt).toBeNull();
    } finally {
      await scheduler.stop();
    }
  });

  it('never fires a paused job', async () => {
    const job = await createJob({
      name: 'paused',
      kind: 'flow',
      flow: priceFlow,
      targets: [site.url],
      schedule: { type: 'cron', cron: '0 * * * *', timezone: 'UTC' },
    });
    const paused = await api('POST', `/jobs/${job.id}/pause`);
    expect(paused.json()).toMatchObject({ paused: true, nextRunAt: null });
    const scheduler = new JobScheduler({
      db: testDatabase.database.db,
      pool: testDatabase.database.pool,
      boss: testDatabase.boss,
      logger,
    });
    const fired = await scheduler.tick(new Date(Date.now() + 2 * 3600_000));
    expect(fired.filter((row) => row.jobId === job.id)).toEqual([]);
    const resumed = (await api('POST', `/jobs/${job.id}/resume`)).json();
    expect(resumed.paused).toBe(false);
    expect(new Date(resumed.nextRunAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('previews the next runs of a cron in a time zone', async () => {
    const response = await api(
      'GET',
      '/jobs/schedule-preview?cron=0+9+*+*+*&timezone=America/Sao_Paulo&count=2',
    );
    expect(response.statusCode).toBe(200);
    const runs = response.json().runs as string[];
    expect(runs).toHaveLength(2);
    // 09:00 in São Paulo (UTC−3, no daylight saving time since 2019) is 12:00 UTC.
    for (const run of runs) expect(run).toMatch(/T12:00:00\.000Z$/);
  });
});

describe('changing and deleting a job', () => {
  it('applies a PATCH: a new schedule moves the next run; a field of the other kind is refused', async () => {
    const job = await createJob({ name: 'to change', kind: 'flow', flow: priceFlow, targets: [site.url] });
    expect(job.nextRunAt).toBeNull();
    const changed = await api('PATCH', `/jobs/${job.id}`, {
      name: 'changed',
      schedule: { type: 'cron', cron: '30 6 * * *', timezone: 'Asia/Tokyo' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'changed',
      schedule: { type: 'cron', timezone: 'Asia/Tokyo' },
    });
    // 06:30 in Tokyo is 21:30 UTC.
    expect(changed.json().nextRunAt).toMatch(/T21:30:00\.000Z$/);
    const mixed = await api('PATCH', `/jobs/${job.id}`, { scriptId: savedScriptId });
    expect([mixed.statusCode, mixed.json().field]).toEqual([400, 'scriptId']);
    const toScript = await api('PATCH', `/jobs/${job.id}`, { kind: 'script', scriptId: savedScriptId });
    expect(toScript.json()).toMatchObject({ kind: 'script', scriptId: savedScriptId, flow: null });
  });

  it('deletes a job with its executions and their artifacts', async () => {
    await startTheWorker();
    const job = await createJob({ name: 'to delete', kind: 'flow', flow: priceFlow, targets: [site.url] });
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    const done = await finished(run.id);
    const artifact = done.results[0]!.artifacts[0]!;
    expect(await blobs.get(`executions/${run.id}/${artifact.id}`)).not.toBeNull();
    const deleted = await api('DELETE', `/jobs/${job.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await api('GET', `/jobs/${job.id}`)).statusCode).toBe(404);
    expect((await api('GET', `/executions/${run.id}`)).statusCode).toBe(404);
    expect(await blobs.get(`executions/${run.id}/${artifact.id}`)).toBeNull();
    // Its sessions stay, as sessions, without the execution.
    const { rows } = await testDatabase.database.pool.query(
      "SELECT count(*)::int AS n FROM sessions WHERE name = 'to delete #1' AND execution_id IS NULL",
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('bad input', () => {
  const valid = { name: 'bad', kind: 'flow', flow: priceFlow, targets: ['http://127.0.0.1:9/'] };
  const cases: [string, object, string][] = [
    [
      'a bad cron',
      { ...valid, schedule: { type: 'cron', cron: '61 * * * *', timezone: 'UTC' } },
      'schedule.cron',
    ],
    [
      'an unknown time zone',
      { ...valid, schedule: { type: 'cron', cron: '0 * * * *', timezone: 'Mars/Olympus' } },
      'schedule.timezone',
    ],
    [
      'an unknown step',
      { ...valid, flow: { steps: [{ type: 'goto', url: '{{target}}' }, { type: 'teleport' }] } },
      'flow.steps.1.type',
    ],
    [
      'a step without its selector',
      { ...valid, flow: { steps: [{ type: 'click' }] } },
      'flow.steps.0.selector',
    ],
    ['a target that is not a URL', { ...valid, targets: ['nope'] }, 'targets.0'],
    ['a flow job with a script', { ...valid, scriptId: randomUUID() }, 'scriptId'],
  ];
  for (const [what, body, field] of cases) {
    it(`answers 400 naming the field for ${what}, and writes nothing`, async () => {
      const before = await testDatabase.database.pool.query('SELECT count(*)::int AS n FROM jobs');
      const response = await api('POST', '/jobs', body);
      expect([response.statusCode, response.json().code, response.json().field]).toEqual([
        400,
        'VALIDATION_ERROR',
        field,
      ]);
      const after = await testDatabase.database.pool.query('SELECT count(*)::int AS n FROM jobs');
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  }
});

describe('retention', () => {
  it('deletes finished executions older than the retention, with their results, artifacts and blobs', async () => {
    const old = await execution(tracedExecutionId);
    const artifact = old.results[0]!.artifacts[0]!;
    const blobKey = `executions/${old.id}/${artifact.id}`;
    expect(await blobs.get(blobKey)).not.toBeNull();
    await testDatabase.database.pool.query(
      "UPDATE executions SET created_at = now() - interval '31 days' WHERE id = $1",
      [old.id],
    );
    const deleted = await sweepExecutions(
      { db: testDatabase.database.db, blobs },
      { now: new Date(), retentionDays: 30 },
    );
    expect(deleted).toBe(1);
    expect((await api('GET', `/executions/${old.id}`)).statusCode).toBe(404);
    expect(await blobs.get(blobKey)).toBeNull();
    const { rows } = await testDatabase.database.pool.query(
      'SELECT (SELECT count(*)::int FROM execution_results WHERE execution_id = $1) AS results, (SELECT count(*)::int FROM artifacts WHERE execution_id = $1) AS artifacts, (SELECT count(*)::int FROM sessions WHERE execution_id = $1) AS sessions',
      [old.id],
    );
    expect(rows[0]).toEqual({ results: 0, artifacts: 0, sessions: 0 });
    // Newer executions stay.
    expect((await api('GET', '/executions')).json().total).toBeGreaterThan(0);
  });
});

describe('a lost worker', () => {
  it('fails an execution that was RUNNING on a worker that is gone, when its queue job comes back, and retries it', async () => {
    await worker?.stop();
    worker = null;
    const job = await createJob({
      name: 'lost',
      kind: 'flow',
      flow: priceFlow,
      targets: [site.url],
      retries: { limit: 1, delaySeconds: 1, backoff: false },
    });
    const run = (await api('POST', `/jobs/${job.id}/run`)).json() as Execution;
    // As a worker that died mid-run leaves it; pg-boss hands its queue job out again.
    await testDatabase.database.pool.query(
      "UPDATE executions SET status = 'RUNNING', worker_id = $2, started_at = now() WHERE id = $1",
      [run.id, randomUUID()],
    );
    await startTheWorker();
    const lost = await finished(run.id);
    expect(lost).toMatchObject({ status: 'FAILED', error: { code: 'WORKER_LOST' } });
    const retried = await waitFor(
      'the retry to succeed',
      async () => {
        const items = (await api('GET', `/executions?jobId=${job.id}&status=SUCCEEDED`)).json()
          .items as Execution[];
        return items[0];
      },
      { timeoutMs: 60_000 },
    );
    expect(retried.attempt).toBe(2);
  });
});
