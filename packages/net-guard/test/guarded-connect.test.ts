import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedConnect } from '../src/index.ts';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_request, response) => response.end('reached'));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((closed) => server.close(closed));
});

describe('createGuardedConnect', () => {
  it.each(['localhost', '127.0.0.1'])('refuses http://%s:<port>/ when the socket is opened', async (host) => {
    const agent = new Agent({ connect: createGuardedConnect({ allowPrivate: false }) });
    try {
      await expect(fetch(`http://${host}:${port}/`, { dispatcher: agent })).rejects.toMatchObject({
        cause: { name: 'TargetRefusedError', code: 'TARGET_NOT_ALLOWED' },
      });
    } finally {
      await agent.close();
    }
  });

  it.each(['localhost', '127.0.0.1'])(
    'reaches http://%s:<port>/ when private targets are allowed',
    async (host) => {
      const agent = new Agent({ connect: createGuardedConnect({ allowPrivate: true }) });
      try {
        const response = await fetch(`http://${host}:${port}/`, { dispatcher: agent });
        expect(await response.text()).toBe('reached');
      } finally {
        await agent.close();
      }
    },
  );
});
