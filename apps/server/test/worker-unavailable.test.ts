import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { ErrorResponse, Session } from '@fleetwright/contracts';
import type { TestDatabase } from '@fleetwright/testing/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deadAddress,
  type InjectOptions,
  insertWorker,
  queuedStartJobs,
  setSessionState,
  startTestApp,
  type TestApp,
} from './support.ts';

let testDatabase: TestDatabase;
let testApp: TestApp;
/** app.inject as the administrator's API key. */
const api = (options: InjectOptions) => testApp.api(options);
/** Accepts connections and never answers: a worker that hangs. */
let silentListener: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  // The shortest command timeout config allows, so the hanging worker times out soon.
  testApp = await startTestApp({ env: { COMMAND_TIMEOUT_MS: '100', NAVIGATION_TIMEOUT_MS: '1000' } });
  ({ testDatabase } = testApp);
  silentListener = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentListener.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  silentListener?.close();
  await testApp?.close();
});

/** A RUNNING session owned by a worker registered at `address`. */
async function runningOn(address: string, options: { heartbeatSecondsAgo?: number; stopped?: boolean } = {}) {
  const workerId = randomUUID();
  await insertWorker(testDatabase.database, {
    id: workerId,
    address,
    heartbeatSecondsAgo: options.heartbeatSecondsAgo,
  });
  if (options.stopped) {
    await testDatabase.database.pool.query('UPDATE workers SET stopped_at = now() WHERE id = $1', [workerId]);
  }
  const created = await api({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: { name: 'remote', startUrl: 'http://127.0.0.1:9/', autoStart: false },
  });
  const session = created.json<Session>();
  await setSessionState(testDatabase.database, session.id, { status: 'RUNNING', workerId });
  return { session, workerId };
}

const commands = [
  ['navigate', { method: 'POST', url: 'navigate', payload: { url: 'http://127.0.0.1:9/next' } }],
  ['evaluate', { method: 'POST', url: 'evaluate', payload: { expression: '1 + 1' } }],
  ['screenshot', { method: 'GET', url: 'screenshot' }],
] as const;

describe('commands to a worker that is gone answer WORKER_UNAVAILABLE', () => {
  it.each(commands)('%s on a worker with a stale heartbeat', async (_name, command) => {
    const { session } = await runningOn(await deadAddress(), { heartbeatSecondsAgo: 120 });
    const response = await api({ ...command, url: `/api/v1/sessions/${session.id}/${command.url}` });
    expect(response.statusCode).toBe(503);
    const error = response.json<ErrorResponse>();
    expect(error.code).toBe('WORKER_UNAVAILABLE');
    expect(error.message).toMatch(/heartbeat/);
  });

  it.each(commands)('%s on a worker whose address refuses connections', async (_name, command) => {
    const { session } = await runningOn(await deadAddress());
    const response = await api({ ...command, url: `/api/v1/sessions/${session.id}/${command.url}` });
    expect(response.statusCode).toBe(503);
    expect(response.json<ErrorResponse>()).toMatchObject({ code: 'WORKER_UNAVAILABLE' });
  });

  it('evaluate on a worker that said goodbye', async () => {
    const { session } = await runningOn(await deadAddress(), { stopped: true });
    const response = await api({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/evaluate`,
      payload: { expression: '1' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json<ErrorResponse>().message).toMatch(/stopped/);
  });

  it('stops the session itself when its worker is gone', async () => {
    const { session } = await runningOn(await deadAddress());
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/stop` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'STOPPED', workerId: null });
  });

  it('restarts a session whose worker is gone: stopped here, then queued for any worker', async () => {
    const { session } = await runningOn(await deadAddress(), { heartbeatSecondsAgo: 300 });
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/restart` });
    expect(response.statusCode).toBe(200);
    expect(response.json<Session>()).toMatchObject({ status: 'PENDING', workerId: null });
    const jobs = await queuedStartJobs(testDatabase.boss, session.id);
    expect(jobs.map((job) => (job.data as { reason: string }).reason)).toEqual(['restart']);
  });

  it('deletes a running session whose worker is gone', async () => {
    const { session } = await runningOn(await deadAddress(), { heartbeatSecondsAgo: 300 });
    const response = await api({ method: 'DELETE', url: `/api/v1/sessions/${session.id}` });
    expect(response.statusCode).toBe(204);
  });
});

describe('a worker that accepts the connection but never answers', () => {
  const hanging = () => `http://127.0.0.1:${(silentListener.address() as net.AddressInfo).port}`;

  it('answers COMMAND_TIMEOUT instead of hanging', async () => {
    const { session } = await runningOn(hanging());
    const response = await api({
      method: 'POST',
      url: `/api/v1/sessions/${session.id}/evaluate`,
      payload: { expression: 'while (true) {}' },
    });
    expect(response.statusCode).toBe(504);
    expect(response.json<ErrorResponse>().code).toBe('COMMAND_TIMEOUT');
  });

  it('leaves the session as it was when a stop times out', async () => {
    const { session } = await runningOn(hanging());
    const response = await api({ method: 'POST', url: `/api/v1/sessions/${session.id}/stop` });
    expect(response.statusCode).toBe(504);
    const after = await api({ url: `/api/v1/sessions/${session.id}` });
    expect(after.json<Session>().status).toBe('RUNNING');
  });
});
