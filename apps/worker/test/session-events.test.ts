import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { rooms, workerRpcPath, workerRpcRoutes } from '@fleetwright/contracts';
import { createPostgresAdapter, SessionEvents } from '@fleetwright/events';
import { createLogger } from '@fleetwright/logger';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type WorkerHandle } from '../src/index.ts';
import {
  rpc,
  startRunning,
  startSite,
  startTestDatabase,
  type TestDatabase,
  type TestSite,
  testConfig,
  waitFor,
} from './helpers.ts';

interface Received {
  name: string;
  payload: Record<string, unknown>;
}

let db: TestDatabase;
let site: TestSite;
let worker: WorkerHandle;
let io: Server;
let socketUrl: string;
let events: SessionEvents;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  site = await startSite({
    '/': '<title>home</title><h1>home</h1>',
    '/other': '<title>other</title><h1>other page</h1>',
  });
  // A Socket.IO server set up as the API server's is: the Postgres adapter, clients in rooms.
  const httpServer = http.createServer();
  io = new Server(httpServer, { adapter: createPostgresAdapter(db.database.pool) });
  io.on('connection', (socket) => socket.join(socket.handshake.auth.rooms as string[]));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  socketUrl = `http://127.0.0.1:${(httpServer.address() as net.AddressInfo).port}`;
  events = new SessionEvents(db.database.pool, createLogger({ name: 'test', level: 'silent' }));
  worker = await startWorker({
    config: testConfig(db.tmpDir),
    databaseUrl: db.connectionString,
    capacity: 4,
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await worker?.stop();
  await new Promise((resolve) => io?.close(resolve));
  await site?.close();
  await db?.stop();
});

/** A socket.io-client in the organization's room, once the adapter delivers to it. */
async function organizationClient(): Promise<Received[]> {
  const socket = connect(socketUrl, {
    transports: ['websocket'],
    reconnection: false,
    auth: { rooms: [rooms.organization(db.organizationId)] },
  });
  sockets.push(socket);
  const received: Received[] = [];
  socket.onAny((name: string, payload: Record<string, unknown>) => received.push({ name, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // The adapter's LISTEN may still be settling after start-up: publish a probe until it arrives.
  const probe = { id: randomUUID(), organizationId: db.organizationId };
  await waitFor('the adapter to deliver', async () => {
    events.urlChanged(probe, 'about:blank', new Date());
    await new Promise((resolve) => setTimeout(resolve, 100));
    return received.some((event) => event.payload.sessionId === probe.id);
  });
  return received;
}

function eventsOf(received: Received[], sessionId: string, name: string): Received[] {
  return received.filter((event) => event.name === name && event.payload.sessionId === sessionId);
}

describe('session events through Socket.IO', () => {
  it("reaches a real client with a worker's status changes, log lines and URL changes", async () => {
    const received = await organizationClient();
    const row = await startRunning(db, { startUrl: `${site.url}/` });

    const started = await waitFor(
      'session.started',
      async () => eventsOf(received, row.id, 'session.started')[0],
    );
    expect(started.payload).toMatchObject({
      status: 'RUNNING',
      previousStatus: 'STARTING',
      workerId: worker.id,
    });
    expect(eventsOf(received, row.id, 'session.status').map((event) => event.payload.status)).toEqual([
      'STARTING',
      'RUNNING',
    ]);
    const log = await waitFor('the "started at" log line', async () =>
      eventsOf(received, row.id, 'session.log').find((event) =>
        String(event.payload.message).startsWith('started at'),
      ),
    );
    expect(log.payload).toMatchObject({
      level: 'info',
      source: 'lifecycle',
      organizationId: db.organizationId,
    });

    await rpc(worker, workerRpcPath(workerRpcRoutes.navigate, row.id), {
      method: 'POST',
      body: JSON.stringify({ url: `${site.url}/other` }),
    });
    await waitFor('session.url_changed', async () =>
      eventsOf(received, row.id, 'session.url_changed').some(
        (event) => event.payload.url === `${site.url}/other`,
      ),
    );

    await rpc(worker, workerRpcPath(workerRpcRoutes.stop, row.id), { method: 'POST' });
    const stopped = await waitFor(
      'session.stopped',
      async () => eventsOf(received, row.id, 'session.stopped')[0],
    );
    expect(stopped.payload).toMatchObject({
      status: 'STOPPED',
      previousStatus: 'STOPPING',
      reason: 'stopped by user',
    });
  });

  it('delivers an event too large for NOTIFY through the attachment table, whole', async () => {
    const received = await organizationClient();
    const sessionId = randomUUID();
    const message = 'x'.repeat(20_000);
    events.logs([
      {
        id: 1,
        sessionId,
        organizationId: db.organizationId,
        level: 'info',
        source: 'console',
        message,
        data: null,
        at: new Date(),
      },
    ]);
    const log = await waitFor(
      'the large session.log',
      async () => eventsOf(received, sessionId, 'session.log')[0],
    );
    expect(log.payload.message).toBe(message);
  });
});
