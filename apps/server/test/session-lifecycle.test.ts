import type { ErrorResponse, ServerEventName, Session } from '@fleetwright/contracts';
import type { TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPublisher } from '../src/realtime/events.ts';
import {
  type InjectOptions,
  queuedStartJobs,
  setSessionState,
  startTestApp,
  type TestApp,
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

async function create(body: Record<string, unknown>): Promise<Session> {
  const response = await api({ method: 'POST', url: '/api/v1/sessions', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Session>();
}

describe('deleting', () => {
  it('deletes a PENDING session: its job is cancelled and the row is gone', async () => {
    const session = await create(valid);
    expect(await queuedStartJobs(testDatabase.boss, session.id)).toHaveLength(1);
    const response = await api({ method: 'DELETE', url: `/api/v1/sessions/${session.id}` });
    expect(response.statusCode).toBe(204);
    expect(await queuedStartJobs(testDatabase.boss, session.id)).toHaveLength(0);
    expect((await api({ url: `/api/v1/sessions/${session.id}` })).statusCode).toBe(404);
    expect(published.map((event) => event.name)).toEqual([
      'session.created',
      'session.status',
      'session.stopped',
      'session.deleted',
    ]);
  });
});

describe('starting and stopping', () => {
  it('refuses to start a session that is already active with 409', async () => {
    const session = await create(valid);
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/start` });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorResponse>().code).toBe('SESSION_ALREADY_ACTIVE');
    expect(await queuedStartJobs(testDatabase.boss, session.id)).toHaveLength(1);
  });

  it('stops a PENDING session itself: STOPPED, job cancelled, stopped event', async () => {
    const session = await create(valid);
    published.length = 0;
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/stop` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'STOPPED', workerId: null });
    expect(response.json<Session>().stoppedAt).not.toBeNull();
    expect(await queuedStartJobs(testDatabase.boss, session.id)).toHaveLength(0);
    expect(published.map((event) => event.name)).toEqual(['session.status', 'session.stopped']);
    expect(published[0]!.payload).toMatchObject({ status: 'STOPPED', previousStatus: 'PENDING' });
  });

  it('starts a STOPPED session again: PENDING, a fresh restart budget and one new job', async () => {
    const session = await create({ ...valid, autoStart: false });
    await testDatabase.database.pool.query(
      `UPDATE sessions SET status = 'ERROR', restart_count = 3, last_error = 'boom' WHERE id = $1`,
      [session.id],
    );
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/start` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'PENDING', restartCount: 0, lastError: null });
    expect(await queuedStartJobs(testDatabase.boss, session.id)).toHaveLength(1);
    expect(published.at(-1)?.payload).toMatchObject({ status: 'PENDING', previousStatus: 'ERROR' });
  });

  it('restarts a PENDING session: stopped, then queued again', async () => {
    const session = await create(valid);
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/restart` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>().status).toBe('PENDING');
    const jobs = await queuedStartJobs(testDatabase.boss, session.id);
    expect(jobs.map((job) => (job.data as { reason: string }).reason)).toEqual(['restart']);
  });

  it('answers SESSION_NOT_RUNNING for commands on a session that is not running', async () => {
    const session = await create({ ...valid, autoStart: false });
    const evaluate = await api({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/evaluate`,
      payload: { expression: '1' },
    });
    expect(evaluate.statusCode).toBe(409);
    expect(evaluate.json<ErrorResponse>().code).toBe('SESSION_NOT_RUNNING');
  });

  it('stops and starts a batch by ids and by filter, reporting each session', async () => {
    const a = await create({ ...valid, tags: ['batch'] });
    const b = await create({ ...valid, tags: ['batch'], autoStart: false });
    const missing = '00000000-0000-4000-8000-00000000beef';
    const stop = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/stop',
      payload: { ids: [a.id, b.id, missing] },
    });
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toEqual({
      results: [
        { id: a.id, ok: true, status: 'STOPPED' },
        { id: b.id, ok: true, status: 'STOPPED' },
        expect.objectContaining({ id: missing, ok: false, code: 'SESSION_NOT_FOUND' }),
      ],
    });
    const start = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/start',
      payload: { filter: { tag: 'batch' } },
    });
    expect(start.json<{ results: { ok: boolean; status: string }[] }>().results).toEqual([
      expect.objectContaining({ ok: true, status: 'PENDING' }),
      expect.objectContaining({ ok: true, status: 'PENDING' }),
    ]);
    const again = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/start',
      payload: { ids: [a.id] },
    });
    expect(again.json()).toEqual({
      results: [expect.objectContaining({ id: a.id, ok: false, code: 'SESSION_ALREADY_ACTIVE' })],
    });
  });

  it('refuses a batch that gives both ids and a filter', async () => {
    const response = await api({
      method: 'POST',
      url: '/api/v1/sessions/batch/start',
      payload: { ids: ['00000000-0000-4000-8000-000000000000'], filter: { tag: 'x' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'ids' });
  });
});

describe('a session of a running worker', () => {
  it('is stopped by the server itself when its worker row is gone', async () => {
    const session = await create({ ...valid, autoStart: false });
    await setSessionState(testDatabase.database, session.id, { status: 'RUNNING', workerId: null });
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/stop` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'STOPPED', workerId: null, browserPid: null });
  });
});
