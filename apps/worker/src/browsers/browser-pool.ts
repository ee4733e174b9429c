import { statfsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChromiumExecutable } from '@fleetwright/browsers';
import { chromiumArgs } from '@fleetwright/browsers';
import type { Logger } from '@fleetwright/logger';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type CDPSession,
  chromium,
} from 'playwright-core';
import { shortMessage, WorkerError } from '../errors.ts';
import {
  launchWithoutRaisedPriorities,
  lowerBrowserPriority,
  lowerProcessPriority,
  runningRendererNice,
} from './process-priority.ts';
import { RendererRegistry, type RendererSnapshot } from './renderer-processes.ts';

/** Followed by the worker's PID and a dash: a worker that starts sweeps those of dead PIDs (leftovers.ts). */
export const PROFILE_DIR_PREFIX = 'fleetwright-profile-';

/** statfs f_type of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;
/** Free space /dev/shm needs before profiles go there (each is ~1 MB fresh, plus the HTTP cache). */
const MIN_SHM_FREE_BYTES = 1024 ** 3;

/**
 * Where temporary profiles go unless PROFILE_DIR says: /dev/shm when it is a tmpfs with room, else
 * the OS temp directory. Chromium writes a fresh profile while it starts; on a disk that is ~25 ms
 * of a `browser` start (measured: launchPersistentContext + goto p50 166 ms with the profile on
 * disk, 135 ms on tmpfs, raw launch + newContext + newPage + goto 155 ms). Containers often give
 * /dev/shm 64 MB: then the temp directory. Asked at every launch, so a filling /dev/shm hands over to
 * the temp directory.
 */
function defaultProfileRoot(): string {
  try {
    const stats = statfsSync('/dev/shm');
    if (stats.type === TMPFS_MAGIC && stats.bavail * stats.bsize >= MIN_SHM_FREE_BYTES) return '/dev/shm';
  } catch {
    // No /dev/shm (not Linux).
  }
  return os.tmpdir();
}

/** Chromium launches in well under a second; this bounds a hung launch (disk full, broken binary). */
const LAUNCH_TIMEOUT_MS = 30_000;
/** How long a graceful close may take before the process is killed. */
const CLOSE_TIMEOUT_MS = 10_000;

/** A browser shared by `context`-isolation sessions. */
export interface SharedBrowser {
  browser: Browser;
  /** PID of the Chromium browser process (not of the Debian wrapper script that starts it). */
  pid: number | null;
  /** Contexts ever opened in it; at BROWSER_RETIRE_AFTER it takes no new ones. */
  contextsOpened: number;
  /** Contexts open now; a retiring browser closes when this reaches 0. */
  contextsOpen: number;
  retiring: boolean;
  /** Which renderer processes serve which session (metrics). */
  renderers: RendererRegistry;
  /** Rejects once the browser disconnects (it exited, or was closed): see whileConnected. */
  disconnected: Promise<never>;
}

/**
 * `work`, or a BROWSER_LAUNCH_FAILED (retryable) as soon as the shared browser disconnects.
 * Playwright leaves a `newPage()` asked of a browser that is killed meanwhile pending for good; a
 * start (or a warm context's refill, which every later start waits for) must not hang with it.
 */
export function whileConnected<T>(shared: SharedBrowser, work: Promise<T>): Promise<T> {
  return Promise.race([work, shared.disconnected]);
}

/** A `browser`-isolation session's own Chromium, with its own profile directory. */
export interface OwnBrowser {
  context: BrowserContext;
  /** Null until `pidRead` settles (or if it could not be read). */
  pid: number | null;
  /** Settles (never rejects) once `pid` is read. */
  pidRead: Promise<void>;
  profileDir: string;
}

export interface BrowserPoolOptions {
  /** Chromium switches on top of chromiumArgs (the egress guard's WebRTC policy). @default [] */
  extraArgs?: string[];
  chromium: ChromiumExecutable;
  /** BROWSER_RETIRE_AFTER. */
  retireAfter: number;
  /** The directory temporary profiles are made in (PROFILE_DIR). @default /dev/shm or the temp directory (defaultProfileRoot) */
  profileRoot?: string;
  /** Nice value of every Chromium process (BROWSER_NICE; see lowerBrowserPriority). 0: unchanged. @default 0 */
  nice?: number;
  logger: Logger;
}

/** The browser process's PID, from the browser target (Playwright does not expose the child process). */
async function readBrowserPid(session: CDPSession): Promise<number | null> {
  try {
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    return processInfo.find((process) => process.type === 'browser')?.id ?? null;
  } catch {
    return null;
  }
}

async function readOwnBrowserPid(context: BrowserContext): Promise<number | null> {
  const browser = context.browser();
  if (!browser) return null;
  try {
    const session = await browser.newBrowserCDPSession();
    const pid = await readBrowserPid(session);
    await session.detach().catch(() => {});
    return pid;
  } catch {
    return null;
  }
}

function killQuietly(pid: number | null): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Closes with a deadline; a browser that does not exit in time is killed. */
async function closeWithDeadline(close: () => Promise<void>, pid: number | null): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS);
  });
  const result = await Promise.race([
    close().then(
      () => 'closed' as const,
      () => 'failed' as const,
    ),
    deadline,
  ]);
  clearTimeout(timer);
  if (result !== 'closed') killQuietly(pid);
}

/**
 * Owns every Chromium process of the worker. `context` isolation: one warm shared browser, launched
 * on first use and retired after `retireAfter` contexts (a fresh one takes new sessions, the old
 * one closes with its last context) to bound memory growth. `browser` isolation: one Chromium per
 * session with a temporary profile directory that is removed when it closes.
 */
export class BrowserPool {
  readonly #options: BrowserPoolOptions;
  readonly #launchOptions;
  #current: Promise<SharedBrowser> | null = null;
  readonly #shared = new Set<SharedBrowser>();
  readonly #own = new Set<OwnBrowser>();
  /** Profile directories not yet removed; also removed synchronously if the process exits. */
  readonly profileDirs = new Set<string>();
  #closed = false;

  constructor(options: BrowserPoolOptions) {
    this.#options = options;
    this.#launchOptions = {
      ...launchWithoutRaisedPriorities(options.chromium.path, options.nice ?? 0),
      headless: true,
      args: [...chromiumArgs(options.chromium.kind), ...(options.extraArgs ?? [])],
      timeout: LAUNCH_TIMEOUT_MS,
      // The worker handles signals itself: sessions must reach STOPPED before browsers close.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    };
  }

  /**
   * Opens a BrowserContext in the current shared browser, launching one if needed. `renderers`: the
   * browser's renderers as listed while the context opened (RendererRegistry.beforePage). A `warm`
   * context (warm-contexts.ts) keeps the browser open but counts towards its retirement only once an
   * session takes it (adoptContext).
   */
  async openContext(
    options: BrowserContextOptions,
    { warm = false }: { warm?: boolean } = {},
  ): Promise<{ context: BrowserContext; shared: SharedBrowser; renderers: RendererSnapshot }> {
    const shared = await this.#acquireShared();
    const renderers = shared.renderers.beforePage();
    shared.contextsOpen += 1;
    if (!warm) this.adoptContext(shared);
    try {
      const context = await whileConnected(shared, shared.browser.newContext(options));
      return { context, shared, renderers };
    } catch (error) {
      this.releaseContext(shared);
      if (!shared.browser.isConnected()) {
        // It died between launch and now: the next attempt gets a fresh one.
        throw new WorkerError('BROWSER_LAUNCH_FAILED', 'The shared browser exited.', { cause: error });
      }
      throw error;
    }
  }

  /** Counts a context towards its browser's retirement (openContext does, except for warm ones). */
  adoptContext(shared: SharedBrowser): void {
    shared.contextsOpened += 1;
    if (shared.contextsOpened >= this.#options.retireAfter && !shared.retiring) {
      // The next openContext launches a fresh browser (#acquireShared).
      shared.retiring = true;
      this.#options.logger.info({ browserPid: shared.pid }, 'shared browser retires after its last context');
    }
  }

  /** Call once per openContext, after the context closed. */
  releaseContext(shared: SharedBrowser): void {
    shared.contextsOpen -= 1;
    if (shared.retiring && shared.contextsOpen <= 0) void this.#closeShared(shared);
  }

  /** The current shared browser; a retiring one is replaced by a fresh launch. */
  async #acquireShared(): Promise<SharedBrowser> {
    for (;;) {
      if (this.#closed) throw new WorkerError('BROWSER_LAUNCH_FAILED', 'The worker is shutting down.');
      if (!this.#current) {
        const launching = this.#launchShared();
        this.#current = launching;
        launching.catch(() => {
          if (this.#current === launching) this.#current = null;
        });
      }
      const current = this.#current;
      const shared = await current;
      if (!shared.retiring) return shared;
      if (this.#current === current) this.#current = null;
    }
  }

  async #launchShared(): Promise<SharedBrowser> {
    let browser: Browser;
    try {
      browser = await chromium.launch(this.#launchOptions);
    } catch (error) {
      throw new WorkerError('BROWSER_LAUNCH_FAILED', `Chromium did not launch: ${shortMessage(error)}`, {
        cause: error,
      });
    }
    let session: CDPSession;
    try {
      session = await browser.newBrowserCDPSession();
    } catch (error) {
      await closeWithDeadline(() => browser.close(), null);
      throw new WorkerError('BROWSER_LAUNCH_FAILED', `Chromium did not start: ${shortMessage(error)}`, {
        cause: error,
      });
    }
    const disconnected = new Promise<never>((_resolve, reject) =>
      browser.once('disconnected', () =>
        reject(new WorkerError('BROWSER_LAUNCH_FAILED', 'The shared browser exited.')),
      ),
    );
    // Only the races in whileConnected observe it.
    disconnected.catch(() => {});
    const pid = await readBrowserPid(session);
    // Before any session's renderer exists, so each inherits the value from the zygote.
    await lowerBrowserPriority(pid, this.#options.nice ?? 0);
    const shared: SharedBrowser = {
      browser,
      pid,
      contextsOpened: 0,
      contextsOpen: 0,
      retiring: false,
      // A running session's renderer gives way to those still starting (runningRendererNice).
      renderers: new RendererRegistry(session, (pids) => {
        const nice = runningRendererNice(this.#options.nice ?? 0);
        for (const rendererPid of pids) lowerProcessPriority(rendererPid, nice);
      }),
      disconnected,
    };
    this.#shared.add(shared);
    browser.on('disconnected', () => {
      this.#shared.delete(shared);
      if (!shared.retiring) {
        this.#options.logger.warn({ browserPid: shared.pid }, 'shared browser disconnected');
        shared.retiring = true;
      }
      // The next session launches a fresh browser.
      void this.#current?.then((current) => {
        if (current === shared) this.#current = null;
      });
    });
    this.#options.logger.info({ browserPid: shared.pid }, 'shared browser launched');
    if (this.#closed) {
      await this.#closeShared(shared);
      throw new WorkerError('BROWSER_LAUNCH_FAILED', 'The worker is shutting down.');
    }
    return shared;
  }

  async #closeShared(shared: SharedBrowser): Promise<void> {
    this.#shared.delete(shared);
    // Its 'disconnected' event is expected now.
    shared.retiring = true;
    await closeWithDeadline(() => shared.browser.close(), shared.pid);
    this.#options.logger.info({ browserPid: shared.pid }, 'shared browser closed');
  }

  /** Launches an own Chromium with a fresh profile directory under the OS temp dir. */
  async launchOwn(options: BrowserContextOptions): Promise<OwnBrowser> {
    if (this.#closed) throw new WorkerError('BROWSER_LAUNCH_FAILED', 'The worker is shutting down.');
    const profileDir = await mkdtemp(
      path.join(this.#options.profileRoot ?? defaultProfileRoot(), `${PROFILE_DIR_PREFIX}${process.pid}-`),
    );
    this.profileDirs.add(profileDir);
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(profileDir, { ...this.#launchOptions, ...options });
    } catch (error) {
      await this.removeProfileDir(profileDir);
      throw new WorkerError('BROWSER_LAUNCH_FAILED', `Chromium did not launch: ${shortMessage(error)}`, {
        cause: error,
      });
    }
    // The PID is read alongside whatever the caller does next (it needs it only once the page runs).
    const own: OwnBrowser = { context, pid: null, pidRead: Promise.resolve(), profileDir };
    own.pidRead = readOwnBrowserPid(context).then(async (pid) => {
      own.pid = pid;
      // Its first page may be loading meanwhile: its renderer is in the tree and is changed too.
      await lowerBrowserPriority(pid, this.#options.nice ?? 0);
    });
    this.#own.add(own);
    return own;
  }

  /** Closes an own browser (idempotent) and removes its profile directory. */
  async closeOwn(own: OwnBrowser): Promise<void> {
    this.#own.delete(own);
    await own.pidRead;
    await closeWithDeadline(() => own.context.close(), own.pid);
    await this.removeProfileDir(own.profileDir);
  }

  async removeProfileDir(profileDir: string): Promise<void> {
    try {
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
      this.profileDirs.delete(profileDir);
    } catch (error) {
      this.#options.logger.error({ err: error, profileDir }, 'could not remove a profile directory');
    }
  }

  /** Pids of every browser process the pool runs now. */
  browserPids(): number[] {
    return [...[...this.#shared].map((shared) => shared.pid), ...[...this.#own].map((own) => own.pid)].filter(
      (pid): pid is number => pid !== null,
    );
  }

  /** Closes every browser and removes every profile directory; no new launches after this. */
  async close(): Promise<void> {
    this.#closed = true;
    const current = this.#current;
    this.#current = null;
    await current?.catch(() => {});
    await Promise.all([
      ...[...this.#shared].map((shared) => this.#closeShared(shared)),
      ...[...this.#own].map((own) => this.closeOwn(own)),
    ]);
    await Promise.all([...this.profileDirs].map((dir) => this.removeProfileDir(dir)));
  }
}
