import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, waitFor } from '@fleetwright/testing';
import { createProxy } from 'proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPages, type TestPages } from '../support/pages.ts';
import { type Platform, startPlatform } from '../support/platform.ts';
import { createSession, waitForLog, waitForStatus } from '../support/sessions.ts';

let platform: Platform;
let pages: TestPages;

beforeAll(async () => {
  [platform, pages] = await Promise.all([startPlatform(), startTestPages()]);
});
afterAll(async () => {
  await platform?.stop();
  await pages?.close();
});

describe('resilience', () => {
  it('sends a session with a proxy URL through that proxy', async () => {
    const seen: string[] = [];
    const proxy = createProxy(http.createServer());
    proxy.on('request', (request: http.IncomingMessage) => seen.push(request.url ?? ''));
    proxy.authenticate = (request) =>
      request.headers['proxy-authorization'] === `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyPort = (proxy.address() as AddressInfo).port;
    try {
      const session = await createSession(platform, {
        name: 'proxied',
        startUrl: `${pages.url}/second`,
        proxyUrl: `http://alice:s3cret@127.0.0.1:${proxyPort}`,
      });
      expect(session.proxyUrl).toBe(`http://alice:***@127.0.0.1:${proxyPort}/`.replace(/\/$/, ''));
      await waitForStatus(platform, session.id, 'RUNNING');
      expect(seen).toContain(`${pages.url}/second`);
      await platform.api('POST', `/sessions/${session.id}/stop`);
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it('ends a start through a dead proxy in ERROR with the reason in the logs', async () => {
    const session = await createSession(platform, {
      name: 'dead-proxy',
      startUrl: `${pages.url}/`,
      proxyUrl: `http://127.0.0.1:${await freePort()}`,
    });
    const failed = await waitForStatus(platform, session.id, 'ERROR', { allowError: true });
    expect(failed.lastError).toMatch(/proxy|ERR_/i);
    await waitForLog(
      platform,
      session.id,
      (line) => line.level === 'error' && line.source === 'lifecycle',
      'the lifecycle error line',
    );
  });

  it('ends a start of an unreachable page in ERROR, never stuck in STARTING', async () => {
    const session = await createSession(platform, {
      name: 'unreachable',
      startUrl: `http://127.0.0.1:${await freePort()}/`,
    });
    const failed = await waitForStatus(platform, session.id, 'ERROR', { allowError: true });
    expect(failed.lastError).toMatch(/ERR_CONNECTION_REFUSED/);
    await waitForLog(
      platform,
      session.id,
      (line) => line.message.includes('ERR_CONNECTION_REFUSED'),
      'a log line naming ERR_CONNECTION_REFUSED',
    );
  });

  it('restarts a session whose Chromium process was killed: ERROR, then RUNNING again', async () => {
    const socket = await platform.socket();
    const session = await createSession(platform, {
      name: 'crashy',
      startUrl: `${pages.url}/`,
      isolation: 'browser',
    });
    await socket.timeout(10_000).emitWithAck('subscribe', { sessionId: session.id });
    const statuses: string[] = [];
    socket.on('session.status', (event) => statuses.push(event.status));
    const running = await waitForStatus(platform, session.id, 'RUNNING');
    process.kill(running.browserPid!, 'SIGKILL');
    await waitFor('the ERROR event', () => statuses.includes('ERROR'), {
      timeoutMs: 30_000,
      retryErrors: true,
    });
    const restarted = await waitForStatus(platform, session.id, 'RUNNING', { allowError: true });
    expect(restarted.restartCount).toBe(1);
    expect(restarted.browserPid).not.toBe(running.browserPid);
    // The row can be read RUNNING before its event has travelled through NOTIFY and Socket.IO.
    await waitFor('the RUNNING event', () => statuses.slice(statuses.indexOf('ERROR')).includes('RUNNING'), {
      timeoutMs: 10_000,
      retryErrors: true,
    });
    expect(statuses.slice(statuses.indexOf('ERROR'))).toEqual(
      expect.arrayContaining(['ERROR', 'STARTING', 'RUNNING']),
    );
    await waitForLog(platform, session.id, (line) => /restart/i.test(line.message), 'a restart log line');
  });
});
