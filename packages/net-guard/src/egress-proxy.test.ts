import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EgressProxy, startEgressProxy } from './egress-proxy.ts';
import { compilePrivateTargets } from './private-targets.ts';

/** Asks `proxyUrl` for a CONNECT tunnel to `target` and answers the status line's code. */
function connectThrough(proxyUrl: string, target: string): Promise<number> {
  const { hostname, port } = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    });
    socket.once('data', (chunk) => {
      resolve(Number(chunk.toString('latin1').split(' ')[1]));
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('startEgressProxy between sessions', () => {
  // An organization allowed to reach loopback (its private targets), and another session's guard.
  let loopbackAllowed: EgressProxy;
  let otherSession: EgressProxy;
  let site: http.Server;
  let sitePort: number;
  const refusals: string[] = [];

  beforeAll(async () => {
    site = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    sitePort = (site.address() as AddressInfo).port;
    loopbackAllowed = await startEgressProxy({
      privateTargets: compilePrivateTargets(['127.0.0.0/8', '0.0.0.0/32']),
      onRefused: (refusal) => refusals.push(refusal.message),
    });
    otherSession = await startEgressProxy({ onRefused: () => {} });
  });

  afterAll(async () => {
    await loopbackAllowed.close();
    await otherSession.close();
    await new Promise((resolve) => site.close(resolve));
  });

  it('lets a page reach the loopback its organization may reach', async () => {
    expect(await connectThrough(loopbackAllowed.url, `127.0.0.1:${sitePort}`)).toBe(200);
  });

  it("refuses another session's guard on loopback, however the address is written", async () => {
    const { port } = new URL(otherSession.url);
    for (const host of ['127.0.0.1', 'localhost', '0.0.0.0', '[::ffff:127.0.0.1]']) {
      expect(await connectThrough(loopbackAllowed.url, `${host}:${port}`), host).toBe(403);
    }
    expect(refusals.at(-1)).toMatch(/egress guard of another session/);
  });

  it('frees the port when a guard closes', async () => {
    const closed = await startEgressProxy({ onRefused: () => {} });
    const { port } = new URL(closed.url);
    await closed.close();
    const reused = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => reused.listen(Number(port), '127.0.0.1', resolve));
    try {
      expect(await connectThrough(loopbackAllowed.url, `127.0.0.1:${port}`)).toBe(200);
    } finally {
      await new Promise((resolve) => reused.close(resolve));
    }
  });
});
