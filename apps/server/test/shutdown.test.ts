import http from 'node:http';
import { startTestDatabase, type TestDatabase } from '@fleetwright/testing/database';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';
import { signInAdministrator, testLogger } from './support.ts';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await startTestDatabase();
});
afterAll(async () => {
  await testDatabase?.stop();
});

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

describe('closing the server (issue 9: a stop that always stops)', () => {
  it('ends with a dashboard tab still connected, over WebSocket and long-polling, and a keep-alive connection open', async () => {
    const server: RunningServer = await startServer({
      config: testDatabase.config,
      logger: testLogger(),
      database: testDatabase.database,
      boss: testDatabase.boss,
      maintenance: false,
    });
    const { apiKey } = await signInAdministrator(server.app, testDatabase.config);
    // Clients that never leave by themselves: no reconnection, never disconnected by the test.
    const websocket = connect(server.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: apiKey },
    });
    const polling = connect(server.url, {
      transports: ['polling'],
      reconnection: false,
      auth: { token: apiKey },
    });
    await Promise.all([connected(websocket), connected(polling)]);
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http
        .get(`${server.url}/healthz`, { agent }, (response) => response.resume().on('end', resolve))
        .on('error', reject),
    );
    const disconnects = Promise.all(
      [websocket, polling].map(
        (socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)),
      ),
    );

    // Without the fix this never returns while the clients stay: the HTTP server waits for them.
    await server.close();

    expect(await disconnects).toHaveLength(2);
    const refused = await fetch(`${server.url}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    agent.destroy();
  });
});
