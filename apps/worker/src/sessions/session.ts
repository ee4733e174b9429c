import type { Config } from '@fleetwright/config';
import { type StorageState, storageStateSchema } from '@fleetwright/contracts';
import type { SessionRow } from '@fleetwright/db';
import type { Logger } from '@fleetwright/logger';
import {
  type CheckTargetOptions,
  compilePrivateTargets,
  type EgressProxy,
  type PrivateTargets,
  startEgressProxy,
} from '@fleetwright/net-guard';
import { columnContext, type Keyring, openColumn, openProfileState } from '@fleetwright/secrets';
import type { BrowserContext, BrowserContextOptions, CDPSession, Page, Response } from 'playwright-core';

/** Playwright's storage state as a context takes it. */
type ContextStorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

import {
  type BrowserPool,
  type OwnBrowser,
  type SharedBrowser,
  whileConnected,
} from '../browsers/browser-pool.ts';
import { assertProxyUrl, buildContextOptions, isDefaultContext } from '../browsers/context-options.ts';
import type { ProcessTree } from '../browsers/process-memory.ts';
import type { RendererSnapshot } from '../browsers/renderer-processes.ts';
import { type FrameWatcher, Screencast } from '../browsers/screencast.ts';
import type { WarmContexts } from '../browsers/warm-contexts.ts';
import { isPlaywrightTimeout, shortMessage, WorkerError } from '../errors.ts';
import type { SessionPoolProxy } from '../proxies/session-proxy.ts';
import type { RunnableScript } from '../scripts/session-script.ts';
import { attachCaptures } from './captures.ts';
import type { SessionLogLine } from './log-writer.ts';
import {
  clickRef,
  egressFailureOf,
  evaluateInPage,
  navigatePage,
  readStorageState,
  type ScreenshotOptions,
  screenshotPage,
  snapshotPage,
  typeIntoRef,
  WAIT_UNTIL,
} from './page-commands.ts';
import { startPageScript } from './page-script.ts';
import { NetworkBytes, SessionMetricsSampler } from './session-metrics.ts';

export type SessionState = 'starting' | 'running' | 'closing' | 'closed';

export interface SessionHooks {
  log(line: Omit<SessionLogLine, 'sessionId' | 'organizationId'>): void;
  /** Main-frame URL changed while running. */
  urlChanged(url: string): void;
  /** The page or its browser died without the worker closing it. Called at most once. */
  crashed(reason: string): void;
  /** A navigate command failed (the manager may rotate the session's pool proxy). */
  navigationFailed?(error: unknown): void;
}

export interface SessionOptions {
  row: SessionRow;
  config: Config;
  keyring: Keyring;
  pool: BrowserPool;
  logger: Logger;
  hooks: SessionHooks;
  /** How the egress proxy resolves and classifies addresses (tests inject these). */
  targetGuard?: Pick<CheckTargetOptions, 'resolve' | 'classify'>;
  /** The organization's private targets (organizations.private_targets), read at each start. */
  loadPrivateTargets?: () => Promise<readonly string[]>;
  /** The sealed state of a profile of the session's organization (issue 12); undefined when gone. */
  loadProfileState?: (profileId: string) => Promise<string | undefined>;
  /** Contexts opened ahead of time, for sessions with default settings. */
  warm?: WarmContexts;
}

/**
 * The browser side of one session on this worker: its context (or own browser), page, CDP
 * session, captures, metrics, page script and live view. Database state is the manager's job.
 */
export class Session {
  readonly id: string;
  readonly organizationId: string;
  row: SessionRow;
  state: SessionState = 'starting';
  /** Why the session is closing, when the worker (not a crash) closes it. */
  closeReason: string | null = null;
  browserPid: number | null = null;
  /** A crash reported while still starting, handled once the start settles. */
  crashReason: string | null = null;
  /** The session took a warm context (warm-contexts.ts) instead of opening one. */
  warmContext = false;
  /** The pool proxy it runs behind (issue 10), set by the manager before open(). */
  poolProxy: SessionPoolProxy | null = null;
  /** The page script of this start (saved scripts read by the manager before open()). */
  pageScript: RunnableScript | null = null;
  /** The timer of `proxyRotation.everyMinutes`, cleared when the session closes. */
  rotationTimer: NodeJS.Timeout | null = null;
  readonly logger: Logger;

  readonly #options: SessionOptions;
  #context: BrowserContext | null = null;
  #page: Page | null = null;
  /** Opened once the session is RUNNING: nothing on it is needed to get there. */
  #cdp: Promise<CDPSession> | null = null;
  #shared: SharedBrowser | null = null;
  /** The SSRF guard every request of the context goes through, unless private targets are allowed. */
  #egress: EgressProxy | null = null;
  #own: OwnBrowser | null = null;
  #metrics: SessionMetricsSampler | null = null;
  #screencast: Screencast | null = null;
  readonly #network = new NetworkBytes();
  #detachCaptures: (() => void) | null = null;
  #detachNetwork: (() => void) | null = null;
  #stopScript: (() => void) | null = null;
  #opening: Promise<void> | null = null;
  #closing: Promise<void> | null = null;
  #crashReported = false;

  constructor(options: SessionOptions) {
    this.#options = options;
    this.row = options.row;
    this.id = options.row.id;
    this.organizationId = options.row.organizationId;
    this.logger = options.logger;
  }

  get page(): Page | null {
    return this.#page;
  }

  /** Launches the context (or own browser), opens the page and loads the start URL. */
  open(): Promise<void> {
    this.#opening = this.#open();
    return this.#opening;
  }

  async #open(): Promise<void> {
    try {
      await this.#launchAndLoad();
    } catch (error) {
      // Whatever failed after close() began is the stop's doing, not the page's.
      this.#throwIfClosing();
      throw error;
    }
  }

  async #launchAndLoad(): Promise<void> {
    const { pool, config } = this.#options;
    // this.row, not the options': the manager may have set geoFromProxy's locale and time zone.
    const row = this.row;
    const proxyUrl = this.#proxyUrl();
    const guarded = !config.ALLOW_PRIVATE_TARGETS;
    // Behind the guard the session's proxy is the guard's upstream: Chromium talks to the guard only.
    const contextOptions = buildContextOptions({ ...row, proxyUrl: guarded ? null : proxyUrl });
    if (guarded && proxyUrl) assertProxyUrl(proxyUrl);
    // Before the warm check: a context with a profile's storage is not a default one.
    const storageState = row.profileId ? await this.#profileState(row.profileId) : null;
    if (storageState) contextOptions.storageState = storageState;
    const privateTargets = guarded ? await this.#privateTargets() : null;
    // A warm context's guard has no upstream: a session with a proxy opens its own.
    const warm =
      row.isolation === 'context' && !proxyUrl && isDefaultContext(contextOptions)
        ? ((await this.#options.warm?.take()) ?? null)
        : null;
    let context: BrowserContext;
    let page: Page | null = null;
    let renderersBefore: RendererSnapshot | null = null;
    if (warm) {
      this.warmContext = true;
      this.#shared = warm.shared;
      warm.shared.renderers.adopt(warm.key, this);
      this.#egress = warm.egress;
      warm.egress?.setPrivateTargets(privateTargets);
      warm.onRefused = (refusal) => this.#logRefusal(refusal);
      context = warm.context;
      page = warm.page;
      this.browserPid = warm.shared.pid;
    } else {
      if (guarded) {
        this.#egress = await startEgressProxy({
          ...this.#options.targetGuard,
          upstream: proxyUrl,
          privateTargets,
          onRefused: (refusal) => this.#logRefusal(refusal),
        });
        contextOptions.proxy = { server: this.#egress.url };
      }
      if (row.isolation === 'browser') {
        // A persistent context takes no storageState option: it gets the state once launched.
        const { storageState: _own, ...ownOptions } = contextOptions;
        this.#own = await pool.launchOwn(ownOptions);
        context = this.#own.context;
        if (storageState) await context.setStorageState(storageState);
      } else {
        const opened = await pool.openContext(contextOptions);
        this.#shared = opened.shared;
        opened.shared.renderers.add(this);
        renderersBefore = opened.renderers;
        context = opened.context;
        this.browserPid = opened.shared.pid;
      }
    }
    this.#context = context;
    if (this.#closing) {
      // close() ran while Chromium launched: what it could not see yet is released here.
      await this.#releaseBrowser();
    }
    this.#throwIfClosing();
    if (!page) {
      // Read now, before the page is asked for: see RendererRegistry.pageCreated.
      const knownRenderers = renderersBefore?.pids ?? null;
      const newPage = context.pages()[0] ?? context.newPage();
      page = this.#shared ? await whileConnected(this.#shared, Promise.resolve(newPage)) : await newPage;
      this.#shared?.renderers.pageCreated(this, knownRenderers);
    }
    this.#page = page;
    this.#detachCaptures = attachCaptures(page, {
      log: (line) => this.#options.hooks.log(line),
      urlChanged: (url) => {
        this.#metrics?.markNavigated();
        if (this.state === 'running') this.#options.hooks.urlChanged(url);
      },
      crashed: (reason) => this.#reportCrash(reason),
    });
    // Playwright listeners cost the browser nothing: the start page's traffic counts too.
    this.#detachNetwork = this.#network.attach(page);
    let response: Response | null;
    try {
      response = await page.goto(row.startUrl, {
        waitUntil: WAIT_UNTIL,
        timeout: config.NAVIGATION_TIMEOUT_MS,
      });
      if (response && response.status() >= 400) {
        this.#options.hooks.log({
          level: 'warn',
          source: 'lifecycle',
          message: `the start page answered HTTP ${response.status()}`,
          data: { status: response.status(), url: row.startUrl },
        });
      }
    } catch (error) {
      this.#throwIfClosing();
      if (isPlaywrightTimeout(error)) {
        throw new WorkerError(
          'START_FAILED',
          `${row.startUrl} did not load within ${config.NAVIGATION_TIMEOUT_MS} ms`,
          { cause: error },
        );
      }
      throw new WorkerError('START_FAILED', `${row.startUrl} could not be loaded: ${shortMessage(error)}`, {
        cause: error,
      });
    }
    const failure = this.#egress ? await egressFailureOf(response) : null;
    if (failure) throw new WorkerError('START_FAILED', `${row.startUrl} could not be loaded: ${failure}`);
    if (this.#own) {
      // Read while the page loaded (browser-pool.ts); RUNNING records it.
      await this.#own.pidRead;
      this.browserPid = this.#own.pid;
    }
    this.#throwIfClosing();
  }

  #logRefusal({ target, message }: { target: string; message: string }): void {
    this.#options.hooks.log({
      level: 'warn',
      source: 'request',
      message: `blocked a connection to ${target}: ${message}`,
      data: { target, blocked: true },
    });
  }

  async #privateTargets(): Promise<PrivateTargets | null> {
    return compilePrivateTargets((await this.#options.loadPrivateTargets?.()) ?? []);
  }

  /**
   * The profile's storage state, opened. A profile deleted since the session was saved is no
   * longer there (the row's profileId is set null then; this covers a start that raced it): the
   * session starts without it and says so. One the keys cannot open fails the start.
   */
  async #profileState(profileId: string): Promise<ContextStorageState | null> {
    const sealed = await this.#options.loadProfileState?.(profileId);
    if (sealed === undefined) {
      this.#options.hooks.log({
        level: 'warn',
        source: 'lifecycle',
        message: 'the profile is gone: the session starts without it',
        data: { profileId },
      });
      return null;
    }
    try {
      const opened = JSON.parse(openProfileState(this.#options.keyring, profileId, sealed));
      // Its outline is checked here; the fields are Playwright's own, written by storageState().
      return storageStateSchema.parse(opened) as ContextStorageState;
    } catch (error) {
      throw new WorkerError('START_FAILED', `The profile cannot be opened: ${shortMessage(error)}`, {
        cause: error,
      });
    }
  }

  /** The proxy URL, decrypted; a value the keys cannot open fails the start (non-retryable). */
  #proxyUrl(): string | null {
    if (this.poolProxy) return this.poolProxy.url;
    const { row, keyring } = this.#options;
    try {
      return openColumn(keyring, row.proxyUrl, columnContext('sessions', 'proxy_url', row.id));
    } catch (error) {
      throw new WorkerError('INVALID_PROXY', `The proxy URL cannot be decrypted: ${shortMessage(error)}`, {
        cause: error,
      });
    }
  }

  /** The session's own CDP session (metrics, live view, terminating a hung script) and metrics. */
  async #openCdp(context: BrowserContext, page: Page): Promise<CDPSession> {
    const cdp = await context.newCDPSession(page);
    const { row } = this.#options;
    const metrics = new SessionMetricsSampler(cdp, this.#network, {
      isolation: row.isolation,
      browserPid: this.browserPid,
      renderers: this.#shared?.renderers ?? null,
      session: this,
    });
    await metrics.enable();
    // Takes the CPU baseline, so the first real sample has a delta.
    await metrics.prime();
    this.#metrics = metrics;
    void metrics.findRenderers();
    return cdp;
  }

  #throwIfClosing(): void {
    if (this.state === 'closing' || this.state === 'closed') {
      throw new WorkerError(
        'START_ABORTED',
        `The session was stopped while starting (${this.closeReason ?? 'stop'}).`,
      );
    }
  }

  /** After the RUNNING transition: CDP session, metrics and page script. */
  markRunning(): void {
    if (this.state !== 'starting') return;
    this.state = 'running';
    const context = this.#context;
    const page = this.#page;
    if (context && page) {
      this.#cdp = this.#openCdp(context, page);
      // Fails when the page closes or crashes right after the start: the crash handling reports that.
      this.#cdp.catch((error: unknown) =>
        this.logger.debug({ err: error }, 'could not open the CDP session'),
      );
    }
    const script = this.pageScript;
    if (script && this.#page) {
      this.#stopScript = startPageScript(this.#page, script, {
        timeoutMs: this.#options.config.COMMAND_TIMEOUT_MS,
        maxResultBytes: this.#options.config.EVALUATE_RESULT_MAX_BYTES,
        log: (line) => this.#options.hooks.log(line),
        terminate: () => this.#terminateExecution(),
      });
    }
  }

  async #terminateExecution(): Promise<void> {
    const cdp = await this.#cdp;
    await cdp?.send('Runtime.terminateExecution');
  }

  #reportCrash(reason: string): void {
    if (this.#crashReported || this.state === 'closing' || this.state === 'closed') return;
    this.#crashReported = true;
    // Page 'close' fires before the browser's 'disconnected'; wait a tick to tell them apart.
    setTimeout(() => {
      if (this.state === 'closing' || this.state === 'closed') return;
      const browserGone = this.#page?.context().browser()?.isConnected() === false;
      this.#options.hooks.crashed(browserGone ? 'the browser process exited' : reason);
    }, 50);
  }

  // ---- commands -------------------------------------------------------------------------------

  #runningPage(): Page {
    if (this.state !== 'running' || !this.#page) {
      throw new WorkerError('SESSION_NOT_RUNNING', `The session is ${this.state}, not running.`);
    }
    return this.#page;
  }

  /** A command that fails because the page went away reports "not running", not the Playwright error. */
  async #command<T>(work: (page: Page) => Promise<T>): Promise<T> {
    const page = this.#runningPage();
    try {
      return await work(page);
    } catch (error) {
      if (this.state !== 'running' || page.isClosed()) {
        throw new WorkerError('SESSION_NOT_RUNNING', 'The session stopped while the command ran.', {
          cause: error,
        });
      }
      throw error;
    }
  }

  evaluate(expression: string): Promise<unknown> {
    return this.#command((page) =>
      evaluateInPage(page, expression, {
        timeoutMs: this.#options.config.COMMAND_TIMEOUT_MS,
        maxResultBytes: this.#options.config.EVALUATE_RESULT_MAX_BYTES,
        terminate: () => this.#terminateExecution(),
      }),
    );
  }

  async navigate(url: string): Promise<string> {
    try {
      return await this.#command((page) =>
        navigatePage(page, url, this.#options.config.NAVIGATION_TIMEOUT_MS, {
          egress: this.#egress !== null,
        }),
      );
    } catch (error) {
      this.#options.hooks.navigationFailed?.(error);
      throw error;
    }
  }

  screenshot(options: ScreenshotOptions): Promise<Buffer> {
    return this.#command((page) => screenshotPage(page, options, this.#options.config.COMMAND_TIMEOUT_MS));
  }

  /** The accessibility snapshot with element refs (issue 12); click and type take its refs. */
  snapshot(): Promise<{ url: string; snapshot: string }> {
    return this.#command((page) => snapshotPage(page, this.#options.config.COMMAND_TIMEOUT_MS));
  }

  click(ref: string): Promise<{ url: string }> {
    return this.#command((page) => clickRef(page, ref, this.#options.config.COMMAND_TIMEOUT_MS));
  }

  type(input: { ref: string; text: string; submit: boolean }): Promise<{ url: string }> {
    return this.#command((page) => typeIntoRef(page, input, this.#options.config.COMMAND_TIMEOUT_MS));
  }

  /** Cookies, localStorage and IndexedDB of the session's context (issue 12, profiles). */
  storageState(): Promise<StorageState> {
    return this.#command(() => {
      if (!this.#context) throw new WorkerError('SESSION_NOT_RUNNING', 'The session has no context.');
      return readStorageState(this.#context, this.#options.config.COMMAND_TIMEOUT_MS);
    });
  }

  /** Adds a live-view watcher; throws when not running. */
  watchFrames(watcher: FrameWatcher): () => void {
    this.#runningPage();
    if (!this.#cdp) throw new WorkerError('SESSION_NOT_RUNNING', 'The session has no CDP session.');
    if (!this.#screencast) {
      const { config } = this.#options;
      this.#screencast = new Screencast(this.#cdp, {
        quality: config.SCREENCAST_QUALITY,
        maxFps: config.SCREENCAST_MAX_FPS,
        onError: (error) => this.logger.warn({ err: error }, 'screencast failed'),
      });
    }
    return this.#screencast.watch(watcher);
  }

  sampleMetrics(processTree: ProcessTree | null) {
    if (this.state !== 'running' || !this.#metrics) return null;
    return this.#metrics.sample(processTree);
  }

  // ---- teardown -------------------------------------------------------------------------------

  /**
   * Closes everything the session holds: its context (and releases it in the shared browser) or its
   * own browser and profile directory. Idempotent; safe during `open()`, which then fails with
   * START_ABORTED.
   */
  close(reason: string): Promise<void> {
    if (this.#closing) return this.#closing;
    this.closeReason = reason;
    this.state = 'closing';
    if (this.rotationTimer) clearTimeout(this.rotationTimer);
    this.#closing = this.#close().finally(() => {
      this.state = 'closed';
    });
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#stopScript?.();
    this.#screencast?.close();
    this.#detachCaptures?.();
    this.#detachNetwork?.();
    // Closing the context first makes a pending goto fail at once; then let open() settle, since
    // it releases what it acquired after this point.
    await this.#releaseBrowser();
    await this.#opening?.catch(() => {});
    await this.#releaseBrowser();
  }

  /** Closes the context or own browser, if any and not yet closed. */
  async #releaseBrowser(): Promise<void> {
    const { pool } = this.#options;
    const own = this.#own;
    const context = this.#context;
    const shared = this.#shared;
    this.#own = null;
    this.#context = null;
    this.#shared = null;
    // Before the context closes: a renderer lookup still queued must not take another one for it.
    shared?.renderers.forget(this);
    try {
      if (own) await pool.closeOwn(own);
      else if (context) await context.close().catch(() => {});
    } catch (error) {
      this.logger.warn({ err: error }, 'closing the session failed');
    } finally {
      if (shared) pool.releaseContext(shared);
    }
    const egress = this.#egress;
    this.#egress = null;
    await egress
      ?.close()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'closing the egress proxy failed'));
  }
}
