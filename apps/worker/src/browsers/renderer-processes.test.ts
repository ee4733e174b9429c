import { EventEmitter } from 'node:events';
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RendererRegistry } from './renderer-processes.ts';

/** A browser-level session that lists these renderer pids (and the browser's own process). */
function browserCdp(renderers: () => number[]): CDPSession {
  return {
    send: async (method: string) => {
      if (method !== 'SystemInfo.getProcessInfo') throw new Error(`unexpected ${method}`);
      return {
        processInfo: [
          { type: 'browser', id: 1, cpuTime: 0 },
          ...renderers().map((id) => ({ type: 'renderer', id, cpuTime: 0 })),
        ],
      };
    },
  } as unknown as CDPSession;
}

/** A page session whose trace names these renderer pids; counts the traces. */
function pageCdp(pids: number[]): CDPSession & { traces: number } {
  const session = Object.assign(new EventEmitter(), {
    traces: 0,
    send: async (method: string) => {
      if (method === 'Tracing.start') session.traces += 1;
      if (method === 'Tracing.end') {
        setImmediate(() => {
          session.emit('Tracing.dataCollected', {
            value: [
              {
                name: 'TracingStartedInBrowser',
                args: { data: { frames: pids.map((processId) => ({ processId })) } },
              },
            ],
          });
          session.emit('Tracing.tracingComplete', {});
        });
      }
      return {};
    },
  });
  return session as unknown as CDPSession & { traces: number };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('renderer registry', () => {
  it('takes the renderer that appeared with the page, even with other sessions unresolved', async () => {
    const live = [41, 42];
    const registry = new RendererRegistry(browserCdp(() => live));
    const session = {};
    registry.add({});
    registry.add(session);
    const before = registry.beforePage();
    await settle();
    const known = before.pids;
    live.push(43);
    registry.pageCreated(session, known);
    await settle();
    const page = pageCdp([43]);
    expect(await registry.find(session, page, { trace: true })).toEqual([43]);
    expect(page.traces).toBe(0);
  });

  it('gives the renderer to whoever took the page over (a warm context), even mid-lookup', async () => {
    const live = [61, 62];
    const registry = new RendererRegistry(browserCdp(() => live));
    registry.add({});
    const warm = {};
    registry.add(warm);
    const before = registry.beforePage();
    await settle();
    live.push(63);
    registry.pageCreated(warm, before.pids);
    // Handed on twice before the list that shows its renderer has arrived.
    const key = {};
    registry.adopt(warm, key);
    const session = {};
    registry.adopt(key, session);
    await settle();
    live.push(64);
    const page = pageCdp([63]);
    expect(await registry.find(session, page, { trace: true })).toEqual([63]);
    expect(page.traces).toBe(0);
  });

  it('does not guess from a renderer list that arrived after the page was asked for', async () => {
    const live = [51, 52];
    const registry = new RendererRegistry(browserCdp(() => live));
    const session = {};
    registry.add({});
    registry.add(session);
    const before = registry.beforePage();
    // Read before the list arrived: no hint, so it comes down to a trace.
    registry.pageCreated(session, before.pids);
    live.push(53);
    await settle();
    const page = pageCdp([53]);
    expect(await registry.find(session, page, { trace: true })).toEqual([53]);
    expect(page.traces).toBe(1);
  });

  it('takes the one renderer no other session holds, without tracing', async () => {
    const live = [11];
    const registry = new RendererRegistry(browserCdp(() => live));
    const first = {};
    registry.add(first);
    const firstPage = pageCdp([11]);
    expect(await registry.find(first, firstPage, { trace: true })).toEqual([11]);
    const second = {};
    registry.add(second);
    live.push(12);
    const secondPage = pageCdp([12]);
    expect(await registry.find(second, secondPage, { trace: true })).toEqual([12]);
    expect(firstPage.traces + secondPage.traces).toBe(0);
  });

  it('traces when more than one renderer is unaccounted for, or leaves it to a later lookup', async () => {
    const registry = new RendererRegistry(browserCdp(() => [21, 22]));
    const first = {};
    const second = {};
    registry.add(first);
    registry.add(second);
    const firstPage = pageCdp([22]);
    expect(await registry.find(first, firstPage, { trace: false })).toBeNull();
    expect(firstPage.traces).toBe(0);
    expect(await registry.find(first, firstPage, { trace: true })).toEqual([22]);
    expect(firstPage.traces).toBe(1);
    // The other one is now told apart by elimination.
    const secondPage = pageCdp([21]);
    expect(await registry.find(second, secondPage, { trace: true })).toEqual([21]);
    expect(secondPage.traces).toBe(0);
  });

  it('takes nothing for a session whose context closed, and frees what it held', async () => {
    const live = [31, 32];
    const registry = new RendererRegistry(browserCdp(() => live));
    const gone = {};
    const stays = {};
    registry.add(gone);
    registry.add(stays);
    expect(await registry.find(gone, pageCdp([31]), { trace: true })).toEqual([31]);
    registry.forget(gone);
    // Its renderer exits; the lookup of a closed session must not take the other one.
    live.shift();
    expect(await registry.find(gone, pageCdp([]), { trace: true })).toBeNull();
    expect(await registry.find(stays, pageCdp([32]), { trace: false })).toEqual([32]);
  });
});
