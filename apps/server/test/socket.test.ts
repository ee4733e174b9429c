import { randomUUID } from 'node:crypto';
import {
  type AckResponse,
  type ClientToServerEvents,
  rooms,
  type ServerEvent,
  type ServerToClientEvents,
  type Session,
} from '@fleetwright/contracts';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { Emitter } from '@socket.io/postgres-emitter';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { deadAddress, insertWorker, setSessionState, signInAdministrator, testLogger } from './support.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let testDatabase: TestDatabase;
let server: RunningServer;
const clients: ClientSocket[] = [];
let apiKey: string;

beforeAll(async () => {
  testDatabase = await startTestDatabase();
  server = await startServer({
    config: testDatabase.config,
    logger: testLogger(),
    database: testDatabase.database,
    boss: testDatabase.boss,
    maintenance: false,
  });
  apiKey = (await signInAdministrator(server.app, testDatabase.config)).apiKey;
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.close();
  await testDatabase?.stop();
});

async function client(): Promise<ClientSocket> {
  const socket: ClientSocket = connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token: apiKey },
  });
  clients.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

async function createSession(body: Record<string, unknown>): Promise<Session> {
  const response = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ name: 'socket', startUrl: 'http://127.0.0.1:9/', ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Session;
}

function next<N extends keyof ServerToClientEvents>(socket: ClientSocket, name: N): Promise<ServerEvent<N>> {
  return new Promise((resolve) =>
    socket.once(name, ((payload: ServerEvent<N>) => resolve(payload)) as never),
  );
}

describe('the HTTP server', () => {
  it('listens and serves the API on the URL it reports', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('subscriptions', () => {
  it("delivers the server's own events to the organization room", async () => {
    const socket = await client();
    expect(await socket.emitWithAck('subscribe', { organization: true })).toEqual({ ok: true });
    const created = next(socket, 'session.created');
    const session = await createSession({ autoStart: false });
    expect((await created).session).toMatchObject({ id: session.id, status: 'STOPPED' });

    const status = next(socket, 'session.status');
    await fetch(`${server.url}/api/v1/sessions/${session.id}/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(await status).toMatchObject({
      sessionId: session.id,
      status: 'PENDING',
      previousStatus: 'STOPPED',
    });
  });

  it('delivers events a worker emits through the Postgres emitter to the session room', async () => {
    const session = await createSession({ autoStart: false });
    const socket = await client();
    expect(await socket.emitWithAck('subscribe', { sessionId: session.id })).toEqual({ ok: true });
    const changed = next(socket, 'session.url_changed');
    const emitter = new Emitter(testDatabase.database.pool);
    const payload = {
      sessionId: session.id,
      organizationId: session.organizationId,
      url: 'http://127.0.0.1:9/next',
      at: new Date().toISOString(),
    };
    // As a worker does; repeated because the adapter's LISTEN may still be settling after start-up.
    const timer = setInterval(
      () => emitter.to(rooms.session(session.id)).emit('session.url_changed', payload),
      200,
    );
    try {
      expect(await changed).toEqual(payload);
    } finally {
      clearInterval(timer);
    }
  });

  it('refuses to subscribe to a session of no one, or with a malformed message', async () => {
    const socket = await client();
    const missing = await socket.emitWithAck('subscribe', { sessionId: randomUUID() });
    expect(missing).toMatchObject({ ok: false, code: 'SESSION_NOT_FOUND' });
    const malformed = await socket.emitWithAck('subscribe', { sessionId: 'nope' });
    expect(malformed).toMatchObject({ ok: false, code: 'VALIDATION_ERROR' });
  });

  it('stops delivering after unsubscribe', async () => {
    const socket = await client();
    await socket.emitWithAck('subscribe', { organization: true });
    expect(await socket.emitWithAck('unsubscribe', { organization: true })).toEqual({ ok: true });
    let received = 0;
    socket.on('session.created', () => received++);
    const watcher = await client();
    await watcher.emitWithAck('subscribe', { organization: true });
    const seenByWatcher = next(watcher, 'session.created');
    await createSession({ autoStart: false });
    await seenByWatcher;
    expect(received).toBe(0);
  });
});

describe('live view', () => {
  it('refuses to watch a session that is not running', async () => {
    const session = await createSession({ autoStart: false });
    const socket = await client();
    const ack: AckResponse = await socket.emitWithAck('watch', { sessionId: session.id });
    expect(ack).toMatchObject({ ok: false, code: 'SESSION_NOT_RUNNING' });
  });

  it('answers WORKER_UNAVAILABLE when the owning worker cannot be reached, and holds no stream', async () => {
    const session = await createSession({ autoStart: false });
    const workerId = randomUUID();
    await insertWorker(testDatabase.database, { id: workerId, address: await deadAddress() });
    await setSessionState(testDatabase.database, session.id, { status: 'RUNNING', workerId });
    const socket = await client();
    const ack = await socket.emitWithAck('watch', { sessionId: session.id });
    expect(ack).toMatchObject({ ok: false, code: 'WORKER_UNAVAILABLE' });
    expect(await socket.emitWithAck('unwatch', { sessionId: session.id })).toEqual({ ok: true });
  });
});
