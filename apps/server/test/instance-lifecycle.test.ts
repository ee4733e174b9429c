import type { ErrorResponse, Instance, ServerEventName } from '@fleetwright/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPublisher } from '../src/events.ts';
import {
  type InjectOptions,
  queuedStartJobs,
  setInstanceState,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support.ts';

let testDatabase: TestDatabase;
let testApp: TestApp;
/** app.inject as the administrator's API key. */
const api = (options: InjectOptions) => testApp.api(options);
const published: { to: string[]; name: ServerEventName; payload: unknown }[] = [];
const recorder: EventPublisher = { publish: (to, name, payload) => published.push({ to, name, payload }) };

beforeAll(async () => {
  testApp = await startTestApp({
    build: {
      events: recorder,
    },
  });
  ({ testDatabase } = testApp);
});
afterAll(async () => {
  await testApp?.close();
});
beforeEach(() => {
  published.length = 0;
});

const valid = { name: 'shop', startUrl: 'http://127.0.0.1:9/' };

async function create(body: Record<string, unknown>): Promise<Instance> {
  const response = await api({ method: 'POST', url: '/api/v1/instances', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Instance>();
}

describe('deleting', () => {
  it('deletes a PENDING instance: its job is cancelled and the row is gone', async () => {
    const instance = await create(valid);
    expect(await queuedStartJobs(testDatabase.boss, instance.id)).toHaveLength(1);
    const response = await api({ method: 'DELETE', url: `/api/v1/instances/${instance.id}` });
    expect(response.statusCode).toBe(204);
    expect(await queuedStartJobs(testDatabase.boss, instance.id)).toHaveLength(0);
    expect((await api({ url: `/api/v1/instances/${instance.id}` })).statusCode).toBe(404);
    expect(published.map((event) => event.name)).toEqual([
      'instance.created',
      'instance.status',
      'instance.stopped',
      'instance.deleted',
    ]);
  });
});

describe('starting and stopping', () => {
  it('refuses to start an instance that is already active with 409', async () => {
    const instance = await create(valid);
    const response = await api({ method: 'POST', url: `/api/v1/instances/${instance.id}/start` });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorResponse>().code).toBe('INSTANCE_ALREADY_ACTIVE');
    expect(await queuedStartJobs(testDatabase.boss, instance.id)).toHaveLength(1);
  });

  it('stops a PENDING instance itself: STOPPED, job cancelled, stopped event', async () => {
    const instance = await create(valid);
    published.length = 0;
    const response = await api({ method: 'POST', url: `/api/v1/instances/${instance.id}/stop` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Instance>()).toMatchObject({ status: 'STOPPED', workerId: null });
    expect(response.json<Instance>().stoppedAt).not.toBeNull();
    expect(await queuedStartJobs(testDatabase.boss, instance.id)).toHaveLength(0);
    expect(published.map((event) => event.name)).toEqual(['instance.status', 'instance.stopped']);
    expect(published[0]!.payload).toMatchObject({ status: 'STOPPED', previousStatus: 'PENDING' });
  });

  it('starts a STOPPED instance again: PENDING, a fresh restart budget and one new job', async () => {
    const instance = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      `UPDATE instances SET status = 'ERROR', restart_count = 3, last_error = 'boom' WHERE id = $1`,
      [instance.id],
    );
    const response = await api({ method: 'POST', url: `/api/v1/instances/${instance.id}/start` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Instance>()).toMatchObject({ status: 'PENDING', restartCount: 0, lastError: null });
    expect(await queuedStartJobs(testDatabase.boss, instance.id)).toHaveLength(1);
    expect(published.at(-1)?.payload).toMatchObject({ status: 'PENDING', previousStatus: 'ERROR' });
  });

  it('restarts a PENDING instance: stopped, then queued again', async () => {
    const instance = await create(valid);
    const response = await api({ method: 'POST', url: `/api/v1/instances/${instance.id}/restart` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Instance>().status).toBe('PENDING');
    const jobs = await queuedStartJobs(testDatabase.boss, instance.id);
    expect(jobs.map((job) => (job.data as { reason: string }).reason)).toEqual(['restart']);
  });

  it('answers INSTANCE_NOT_RUNNING for commands on an instance that is not running', async () => {
    const instance = await create({ ...valid, autoStart: false });
    const evaluate = await api({
      method: 'POST',
      url: `/api/v1/instances/${instance.id}/evaluate`,
      payload: { expression: '1' },
    });
    expect(evaluate.statusCode).toBe(409);
    expect(evaluate.json<ErrorResponse>().code).toBe('INSTANCE_NOT_RUNNING');
  });

  it('stops and starts a batch by ids and by filter, reporting each instance', async () => {
    const a = await create({ ...valid, tags: ['batch'] });
    const b = await create({ ...valid, tags: ['batch'], autoStart: false });
    const missing = '00000000-0000-4000-8000-00000000beef';
    const stop = await api({
      method: 'POST',
      url: '/api/v1/instances/batch/stop',
      payload: { ids: [a.id, b.id, missing] },
    });
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toEqual({
      results: [
        { id: a.id, ok: true, status: 'STOPPED' },
        { id: b.id, ok: true, status: 'STOPPED' },
        expect.objectContaining({ id: missing, ok: false, code: 'INSTANCE_NOT_FOUND' }),
      ],
    });
    const start = await api({
      method: 'POST',
      url: '/api/v1/instances/batch/start',
      payload: { filter: { tag: 'batch' } },
    });
    expect(start.json<{ results: { ok: boolean; status: string }[] }>().results).toEqual([
      expect.objectContaining({ ok: true, status: 'PENDING' }),
      expect.objectContaining({ ok: true, status: 'PENDING' }),
    ]);
    const again = await api({
      method: 'POST',
      url: '/api/v1/instances/batch/start',
      payload: { ids: [a.id] },
    });
    expect(again.json()).toEqual({
      results: [expect.objectContaining({ id: a.id, ok: false, code: 'INSTANCE_ALREADY_ACTIVE' })],
    });
  });

  it('refuses a batch that gives both ids and a filter', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/instances/batch/start',
      payload: { ids: ['00000000-0000-4000-8000-000000000000'], filter: { tag: 'x' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'ids' });
  });
});

describe('an instance of a running worker', () => {
  it('is stopped by the server itself when its worker row is gone', async () => {
    const instance = await create({ ...valid, autoStart: false });
    await setInstanceState(testDatabase.database, instance.id, { status: 'RUNNING', workerId: null });
    const response = await api({ method: 'POST', url: `/api/v1/instances/${instance.id}/stop` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Instance>()).toMatchObject({ status: 'STOPPED', workerId: null, browserPid: null });
  });
});
