import type { Session, SessionLog } from '@fleetwright/contracts';
import { isAlive, waitFor } from '@fleetwright/testing';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPages, type TestPages } from '../support/pages.ts';
import { type Platform, startPlatform } from '../support/platform.ts';
import { createSession, getSession, listLogs, waitForStatus } from '../support/sessions.ts';

let platform: Platform;
let pages: TestPages;

beforeAll(async () => {
  [platform, pages] = await Promise.all([startPlatform(), startTestPages()]);
});
afterAll(async () => {
  await platform?.stop();
  await pages?.close();
});

describe('sessions through the API', () => {
  let fleet: Session[] = [];

  it('starts five sessions that all reach RUNNING', async () => {
    fleet = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        createSession(platform, { name: `fleet-${n}`, startUrl: `${pages.url}/`, tags: ['fleet'] }),
      ),
    );
    expect(fleet.every((session) => session.status === 'PENDING')).toBe(true);
    const running = await Promise.all(fleet.map((session) => waitForStatus(platform, session.id, 'RUNNING')));
    for (const session of running) {
      expect(session.workerId).not.toBeNull();
      expect(session.currentUrl).toBe(`${pages.url}/`);
    }
    const { body } = await platform.api<{ total: number }>('GET', '/sessions?tag=fleet&status=RUNNING');
    expect(body.total).toBe(5);
  });

  it("returns the page's value from evaluate", async () => {
    const { status, body } = await platform.api('POST', `/sessions/${fleet[0]!.id}/evaluate`, {
      expression: 'window.answer + 1',
    });
    expect(status).toBe(200);
    expect(body).toEqual({ value: 43 });
  });

  it('answers a screenshot that decodes as a 1280×720 JPEG', async () => {
    const { status, body } = await platform.api<Buffer>('GET', `/sessions/${fleet[0]!.id}/screenshot`);
    expect(status).toBe(200);
    const size = imageSize(body);
    expect(size).toMatchObject({ type: 'jpg', width: 1280, height: 720 });
  });

  it('emits url_changed when a session navigates', async () => {
    const socket = await platform.socket();
    const target = fleet[1]!;
    await socket.timeout(10_000).emitWithAck('subscribe', { sessionId: target.id });
    const changed = new Promise<{ url: string }>((resolve) => socket.on('session.url_changed', resolve));
    const { status } = await platform.api('POST', `/sessions/${target.id}/navigate`, {
      url: `${pages.url}/second`,
    });
    expect(status).toBe(200);
    expect((await changed).url).toBe(`${pages.url}/second`);
    expect((await getSession(platform, target.id)).currentUrl).toBe(`${pages.url}/second`);
  });

  it("delivers a page's console.log to the logs and the socket", async () => {
    const socket = await platform.socket();
    await socket.timeout(10_000).emitWithAck('subscribe', { organization: true });
    const seen = new Promise<SessionLog>((resolve) =>
      socket.on('session.log', (log) => {
        if (log.message.includes('hello from the page')) resolve(log);
      }),
    );
    const session = await createSession(platform, { name: 'console', startUrl: `${pages.url}/console` });
    const log = await seen;
    expect(log).toMatchObject({ sessionId: session.id, level: 'info', source: 'console' });
    const logs = await listLogs(platform, session.id);
    expect(logs.some((line) => line.message.includes('hello from the page'))).toBe(true);
    expect(logs.some((line) => line.level === 'error' && line.message.includes('page error line'))).toBe(
      true,
    );
  });

  it('streams metrics samples and stores them', async () => {
    const socket = await platform.socket();
    await socket.timeout(10_000).emitWithAck('subscribe', { sessionId: fleet[2]!.id });
    // The renderer of a `context` session is found by elimination or, when sessions started
    // together, by a trace on a later sample: until then its memory reads 0 (unknown).
    const samples: { jsHeapBytes: number; rssBytes: number }[] = [];
    socket.on('session.metrics', (sample) => samples.push(sample));
    await waitFor('a metrics sample with the renderer’s memory', () => samples.some((s) => s.rssBytes > 0), {
      timeoutMs: 30_000,
    });
    expect(samples.every((sample) => sample.jsHeapBytes > 0)).toBe(true);
    const { body } = await platform.api<{ items: unknown[] }>('GET', `/sessions/${fleet[2]!.id}/metrics`);
    expect(body.items.length).toBeGreaterThan(0);
  });

  it('stops a session: STOPPED and its browser process gone', async () => {
    const session = await createSession(platform, {
      name: 'own-browser',
      startUrl: `${pages.url}/`,
      isolation: 'browser',
    });
    const running = await waitForStatus(platform, session.id, 'RUNNING');
    const pid = running.browserPid!;
    expect(isAlive(pid)).toBe(true);
    const { status } = await platform.api('POST', `/sessions/${session.id}/stop`);
    expect(status).toBe(200);
    const stopped = await waitForStatus(platform, session.id, 'STOPPED');
    expect(stopped.browserPid).toBeNull();
    await waitFor('the browser process to exit', () => !isAlive(pid), {
      timeoutMs: 10_000,
      retryErrors: true,
    });
  });

  it('stops and starts a batch selected by tag', async () => {
    const stop = await platform.api<{ results: { ok: boolean }[] }>('POST', '/sessions/batch/stop', {
      filter: { tag: 'fleet' },
    });
    expect(stop.status).toBe(200);
    expect(stop.body.results).toHaveLength(5);
    await Promise.all(fleet.map((session) => waitForStatus(platform, session.id, 'STOPPED')));
    const start = await platform.api<{ results: { ok: boolean }[] }>('POST', '/sessions/batch/start', {
      ids: fleet.map((session) => session.id),
    });
    expect(start.body.results.every((result) => result.ok)).toBe(true);
    await Promise.all(fleet.map((session) => waitForStatus(platform, session.id, 'RUNNING')));
  });
});
