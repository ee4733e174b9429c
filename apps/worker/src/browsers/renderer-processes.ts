import type { CDPSession } from 'playwright-core';

/** Runs work one piece at a time, in call order. */
class SerialQueue {
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

/**
 * Finds the renderer process(es) that serve one page, for `context` isolation where many sessions
 * share one browser; RendererRegistry's fallback when elimination cannot tell.
 *
 * CDP has no "pid of this target": Target.TargetInfo carries none, and SystemInfo.getProcessInfo
 * lists the browser's processes without saying which page each renderer serves. Matching that list
 * against the page's Performance.getMetrics `ProcessTime` is a guess (idle renderers have equal CPU
 * times at 10 ms resolution). What is exact is the trace metadata DevTools' Performance panel uses:
 * a trace started from the page's own session begins with a `TracingStartedInBrowser` event that
 * lists every frame of that page (main frame and out-of-process iframes) with its renderer's
 * `processId`. Renderers are never shared between BrowserContexts, and each session has its own
 * context, so those processes belong to this session alone.
 *
 * Cost: a trace with one category and no recorded events, ~10–35 ms of browser time, and memory:
 * Chromium's tracing service keeps a 4 MB shared-memory buffer for every renderer a trace has
 * touched, for as long as that renderer lives (+4.3 MB PSS per traced renderer, measured), besides
 * starting the tracing service itself (~20 MB, once). Chromium allows one trace at a time per
 * browser: RendererRegistry runs one lookup at a time.
 */
async function traceRendererPids(cdp: CDPSession): Promise<number[]> {
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
}

/** A renderer list taken before a page was created; see RendererRegistry.beforePage. */
export interface RendererSnapshot {
  /** The renderer pids, once the browser answered; null until then. */
  pids: number[] | null;
}

/**
 * The renderer processes of each session in one shared browser, found without tracing where
 * possible. Chromium never shares a renderer between BrowserContexts and every session has its own
 * context, so:
 * - a renderer that appeared while a session's page was created, and was the only one to appear
 *   (a browser process list taken before the page, another right after), serves that page;
 * - when exactly one of the browser's renderers is not known to serve another session, it serves
 *   the session asked about.
 * Process lists (SystemInfo.getProcessInfo) are one cheap browser call. Otherwise (pages created
 * together, out-of-process iframes, a navigation to another site) it is a trace
 * (traceRendererPids), unless the caller would rather wait.
 */
export class RendererRegistry {
  readonly #browser: CDPSession;
  /** One lookup at a time: an elimination must not race another session's, nor a trace a trace. */
  readonly #lock = new SerialQueue();
  /** Sessions (by session) with an open context, and their renderer pids once known. */
  readonly #pids = new Map<object, number[]>();
  /** The renderer that appeared with a session's page, until its first lookup. */
  readonly #spawned = new Map<object, number>();
  /** Who took over a session's page (adopt), for a pageCreated lookup still in flight. */
  readonly #successors = new WeakMap<object, object>();

  readonly #onFound: ((pids: number[]) => void) | null;

  /**
   * `browser`: a browser-level CDP session (Browser.newBrowserCDPSession). `onFound`: told each
   * renderer set found for a session (by `find`, which sessions call once they are RUNNING).
   */
  constructor(browser: CDPSession, onFound?: (pids: number[]) => void) {
    this.#browser = browser;
    this.#onFound = onFound ?? null;
  }

  async #renderers(): Promise<number[]> {
    const { processInfo } = await this.#browser.send('SystemInfo.getProcessInfo');
    return processInfo.filter((process) => process.type === 'renderer').map((process) => process.id);
  }

  /**
   * Lists the renderers now, before a page is created. Read `pids` right before asking for the page
   * and pass them to `pageCreated`: a list that has arrived by then cannot include its renderer.
   */
  beforePage(): RendererSnapshot {
    const snapshot: RendererSnapshot = { pids: null };
    this.#renderers().then(
      (pids) => {
        snapshot.pids = pids;
      },
      () => {},
    );
    return snapshot;
  }

  /**
   * The session's page exists; `known`: the renderers listed before it was asked for (null if the
   * list had not arrived). The renderers that appeared since are listed: exactly one is the page's.
   */
  pageCreated(session: object, known: number[] | null): void {
    if (!known) return;
    this.#renderers().then(
      (pids) => {
        const appeared = pids.filter((pid) => !known.includes(pid));
        let owner = session;
        for (let next = this.#successors.get(owner); next; next = this.#successors.get(owner)) owner = next;
        if (appeared.length === 1 && this.#pids.has(owner)) this.#spawned.set(owner, appeared[0]!);
      },
      () => {},
    );
  }

  /**
   * The renderer pids serving a session's page (`session`: the key given to `add`; `cdp`: a
   * session on that page), recorded for the next lookups. Null when only a trace could tell and
   * `trace` is false.
   */
  find(session: object, cdp: CDPSession, options: { trace: boolean }): Promise<number[] | null> {
    return this.#lock.run(async () => {
      // Closed (or closing) meanwhile: its renderer may be gone and another taken for it.
      if (!this.#pids.has(session)) return null;
      const spawned = this.#spawned.get(session);
      // Good for the first lookup only: a later one follows a navigation, which may change renderers.
      this.#spawned.delete(session);
      const renderers = await this.#renderers();
      const others = new Set<number>();
      for (const [other, pids] of this.#pids) if (other !== session) for (const pid of pids) others.add(pid);
      const candidates = renderers.filter((pid) => !others.has(pid));
      let pids: number[] | null = null;
      if (spawned !== undefined && candidates.includes(spawned)) pids = [spawned];
      else if (candidates.length === 1) pids = candidates;
      else if (options.trace) pids = await traceRendererPids(cdp);
      if (!this.#pids.has(session)) return null;
      if (pids && pids.length > 0) {
        this.#pids.set(session, pids);
        this.#onFound?.(pids);
      }
      return pids;
    });
  }

  /** The session opened its context. */
  add(session: object): void {
    this.#pids.set(session, []);
  }

  /** `to` takes over what is known of `from`'s page (a warm context handed to a session). */
  adopt(from: object, to: object): void {
    const pids = this.#pids.get(from);
    if (!pids) return;
    this.#successors.set(from, to);
    this.#pids.delete(from);
    this.#pids.set(to, pids);
    const spawned = this.#spawned.get(from);
    this.#spawned.delete(from);
    if (spawned !== undefined) this.#spawned.set(to, spawned);
  }

  /** The session's context is closing. */
  forget(session: object): void {
    this.#pids.delete(session);
    this.#spawned.delete(session);
  }
}
