import type { Logger } from '@fleetwright/logger';
import {
  type CheckTargetOptions,
  type EgressProxy,
  type EgressProxyOptions,
  startEgressProxy,
} from '@fleetwright/net-guard';
import type { BrowserContext, Page } from 'playwright-core';
import { type BrowserPool, type SharedBrowser, whileConnected } from './browser-pool.ts';
import { defaultContextOptions } from './context-options.ts';

/** A context with a blank page, opened ahead of time, until a session takes it. */
export interface WarmContext {
  /** Its page's key in the browser's RendererRegistry, until a session adopts it. */
  key: object;
  context: BrowserContext;
  page: Page;
  shared: SharedBrowser;
  /** Its egress proxy (the SSRF guard), when private targets are not allowed. */
  egress: EgressProxy | null;
  /** Where the egress proxy reports refused connections: set by the session that takes it. */
  onRefused: EgressProxyOptions['onRefused'] | null;
}

export interface WarmContextsOptions {
  pool: BrowserPool;
  /** How many to keep ready (WARM_CONTEXTS). */
  count: number;
  /** Set when private targets are not allowed: each warm context gets its own egress proxy. */
  egress: Pick<CheckTargetOptions, 'resolve' | 'classify'> | null;
  logger: Logger;
}

/**
 * Keeps WARM_CONTEXTS BrowserContexts open in the shared browser, each with a blank page, for
 * `context`-isolation sessions with default settings (isDefaultContext). Taking one skips what
 * dominates a start in Chromium: creating the context and starting the page's renderer process
 * (~35 of ~55 ms on 2 cores). A warm context is as fresh as a new one: nothing has loaded in it.
 *
 * Costs one idle context and renderer per warm context (~15 MB PSS) per worker. Refills run one at a
 * time and only when asked (once the worker is up, and when the last start in progress settles), so
 * they do not compete with the starts that just took one. A warm context whose browser retired or died, or whose
 * page closed, is discarded, and the session opens its own.
 */
export class WarmContexts {
  readonly #options: WarmContextsOptions;
  readonly #ready: WarmContext[] = [];
  #filling: Promise<void> | null = null;
  #closed = false;

  constructor(options: WarmContextsOptions) {
    this.#options = options;
  }

  /** Warm contexts ready now. */
  get size(): number {
    return this.#ready.length;
  }

  /**
   * A usable warm context, or null (none: the session opens its own). One being opened is waited
   * for: it is further along than a context the session would open now, and two pages created at
   * once would leave the renderer registry unable to tell their renderers apart.
   */
  async take(): Promise<WarmContext | null> {
    if (this.#ready.length === 0 && this.#filling) await this.#filling;
    for (let warm = this.#ready.shift(); warm; warm = this.#ready.shift()) {
      const usable = !warm.shared.retiring && warm.shared.browser.isConnected() && !warm.page.isClosed();
      if (usable) {
        this.#options.pool.adoptContext(warm.shared);
        return warm;
      }
      void this.#discard(warm);
    }
    return null;
  }

  /**
   * Opens warm contexts until WARM_CONTEXTS are ready (in the background; one at a time). Call it
   * when no start is opening a page (see above).
   */
  replenish(): void {
    if (this.#closed || this.#filling || this.#ready.length >= this.#options.count) return;
    this.#filling = this.#fill().finally(() => {
      this.#filling = null;
    });
  }

  async #fill(): Promise<void> {
    while (!this.#closed && this.#ready.length < this.#options.count) {
      try {
        const warm = await this.#open();
        if (this.#closed) {
          await this.#discard(warm);
          return;
        }
        this.#ready.push(warm);
      } catch (error) {
        // Chromium did not launch, or the worker is closing: sessions open their own contexts,
        // and the next start that settles tries again.
        if (!this.#closed) this.#options.logger.warn({ err: error }, 'could not open a warm context');
        return;
      }
    }
  }

  async #open(): Promise<WarmContext> {
    const { pool, egress: guard } = this.#options;
    let warm: WarmContext | null = null;
    const egress = guard
      ? await startEgressProxy({ ...guard, onRefused: (refused) => warm?.onRefused?.(refused) })
      : null;
    try {
      const opened = await pool.openContext(
        { ...defaultContextOptions(), ...(egress ? { proxy: { server: egress.url } } : {}) },
        { warm: true },
      );
      const key = {};
      opened.shared.renderers.add(key);
      try {
        const known = opened.renderers.pids;
        const page = await whileConnected(opened.shared, opened.context.newPage());
        opened.shared.renderers.pageCreated(key, known);
        warm = { key, context: opened.context, page, shared: opened.shared, egress, onRefused: null };
        return warm;
      } catch (error) {
        opened.shared.renderers.forget(key);
        await opened.context.close().catch(() => {});
        pool.releaseContext(opened.shared);
        throw error;
      }
    } catch (error) {
      await egress?.close().catch(() => {});
      throw error;
    }
  }

  async #discard(warm: WarmContext): Promise<void> {
    warm.shared.renderers.forget(warm.key);
    await warm.context.close().catch(() => {});
    this.#options.pool.releaseContext(warm.shared);
    await warm.egress?.close().catch(() => {});
  }

  /** Closes every warm context and opens no more. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#filling;
    await Promise.all(this.#ready.splice(0).map((warm) => this.#discard(warm)));
  }
}
