import { EventEmitter } from 'node:events';
import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RendererRegistry } from './renderer-processes.ts';

/** A browser-level session that lists these renderer pids (and the browser's own process). */
function browserSession(renderers: () => number[]): CDPSession {
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
function pageSession(pids: number[]): CDPSession & { traces: number } {
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
  it('takes the renderer that appeared with the page, even with other instances unresolved', async () => {
    const live = [41, 42];
    const registry = new RendererRegistry(browserSession(() => live));
    const instance = {};
    registry.add({});
    registry.add(instance);
    const before = registry.beforePage();
    await settle();
    const known = before.pids;
    live.push(43);
    registry.pageCreated(instance, known);
    await settle();
    const page = pageSession([43]);
    expect(await registry.find(instance, page, { trace: true })).toEqual([43]);
    expect(page.traces).toBe(0);
  });

  it('gives the renderer to whoever took the page over (a warm context), even mid-lookup', async () => {
    const live = [61, 62];
    const registry = new RendererRegistry(browserSession(() => live));
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
    const instance = {};
    registry.adopt(key, instance);
    await settle();
    live.push(64);
    const page = pageSession([63]);
    expect(await registry.find(instance, page, { trace: true })).toEqual([63]);
    expect(page.traces).toBe(0);
  });

  it('does not guess from a renderer list that arrived after the page was asked for', async () => {
    const live = [51, 52];
    const registry = new RendererRegistry(browserSession(() => live));
    const instance = {};
    registry.add({});
    registry.add(instance);
    const before = registry.beforePage();
    // Read before the list arrived: no hint, so it comes down to a trace.
    registry.pageCreated(instance, before.pids);
    live.push(53);
    await settle();
    const page = pageSession([53]);
    expect(await registry.find(instance, page, { trace: true })).toEqual([53]);
    expect(page.traces).toBe(1);
  });

  it('takes the one renderer no other instance holds, without tracing', async () => {
    const live = [11];
    const registry = new RendererRegistry(browserSession(() => live));
    const first = {};
    registry.add(first);
    const firstPage = pageSession([11]);
    expect(await registry.find(first, firstPage, { trace: true })).toEqual([11]);
    const second = {};
    registry.add(second);
    live.push(12);
    const secondPage = pageSession([12]);
    expect(await registry.find(second, secondPage, { trace: true })).toEqual([12]);
    expect(firstPage.traces + secondPage.traces).toBe(0);
  });

  it('traces when more than one renderer is unaccounted for, or leaves it to a later lookup', async () => {
    const registry = new RendererRegistry(browserSession(() => [21, 22]));
    const first = {};
    const second = {};
    registry.add(first);
    registry.add(second);
    const firstPage = pageSession([22]);
    expect(await registry.find(first, firstPage, { trace: false })).toBeNull();
    expect(firstPage.traces).toBe(0);
    expect(await registry.find(first, firstPage, { trace: true })).toEqual([22]);
    expect(firstPage.traces).toBe(1);
    // The other one is now told apart by elimination.
    const secondPage = pageSession([21]);
    expect(await registry.find(second, secondPage, { trace: true })).toEqual([21]);
    expect(secondPage.traces).toBe(0);
  });

  it('takes nothing for an instance whose context closed, and frees what it held', async () => {
    const live = [31, 32];
    const registry = new RendererRegistry(browserSession(() => live));
    const gone = {};
    const stays = {};
    registry.add(gone);
    registry.add(stays);
    expect(await registry.find(gone, pageSession([31]), { trace: true })).toEqual([31]);
    registry.forget(gone);
    // Its renderer exits; the lookup of a closed instance must not take the other one.
    live.shift();
    expect(await registry.find(gone, pageSession([]), { trace: true })).toBeNull();
    expect(await registry.find(stays, pageSession([32]), { trace: false })).toEqual([32]);
  });
});
