import type { CDPSession } from 'playwright-core';

/**
 * Finds the renderer process(es) that serve one page, for `context` isolation where many instances
 * share one browser.
 *
 * CDP has no "pid of this target": Target.TargetInfo carries none, and SystemInfo.getProcessInfo
 * lists the browser's processes without saying which page each renderer serves. Matching that list
 * against the page's Performance.getMetrics `ProcessTime` is a guess (idle renderers have equal CPU
 * times at 10 ms resolution). What is exact is the trace metadata DevTools' Performance panel uses:
 * a trace started from the page's own session begins with a `TracingStartedInBrowser` event that
 * lists every frame of that page (main frame and out-of-process iframes) with its renderer's
 * `processId`. Renderers are never shared between BrowserContexts, and each instance has its own
 * context, so those processes belong to this instance alone.
 *
 * Cost: a trace with one category and no recorded events, ~10–35 ms, run only when the page has
 * navigated since the last lookup (a navigation may swap renderer processes). Chromium allows one
 * trace at a time per browser, so callers pass the browser's `TraceLock`.
 */
export class TraceLock {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work, work);
    this.#tail = result.catch(() => {});
    return result;
  }
}

interface TraceEvent {
  name?: string;
  args?: { data?: { frames?: { processId?: number }[] } };
}

/** Bounds a trace that never completes (renderer hung) so the lock is released. */
const TRACE_TIMEOUT_MS = 2000;

export async function findRendererPids(cdp: CDPSession, lock: TraceLock): Promise<number[]> {
  return lock.run(async () => {
    const pids = new Set<number>();
    const onData = (event: { value: TraceEvent[] }) => {
      for (const traceEvent of event.value) {
        if (traceEvent.name !== 'TracingStartedInBrowser') continue;
        for (const frame of traceEvent.args?.data?.frames ?? []) {
          if (typeof frame.processId === 'number' && frame.processId > 0) pids.add(frame.processId);
        }
      }
    };
    let resolveComplete = () => {};
    const complete = new Promise<void>((resolve) => {
      resolveComplete = resolve;
    });
    const onComplete = () => resolveComplete();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('trace did not complete')), TRACE_TIMEOUT_MS);
    });
    timeout.catch(() => {});
    cdp.on('Tracing.dataCollected', onData);
    cdp.on('Tracing.tracingComplete', onComplete);
    try {
      await cdp.send('Tracing.start', {
        traceConfig: {
          includedCategories: ['disabled-by-default-devtools.timeline'],
          excludedCategories: ['*'],
        },
        transferMode: 'ReportEvents',
      });
      await cdp.send('Tracing.end');
      await Promise.race([complete, timeout]);
    } finally {
      clearTimeout(timer);
      cdp.off('Tracing.dataCollected', onData);
      cdp.off('Tracing.tracingComplete', onComplete);
    }
    return [...pids];
  });
}
