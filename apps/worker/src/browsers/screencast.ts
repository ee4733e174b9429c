import type { WorkerFrame } from '@fleetwright/contracts';
import type { CDPSession } from 'playwright-core';

export interface ScreencastOptions {
  /** SCREENCAST_QUALITY, JPEG 10–100. */
  quality: number;
  /** SCREENCAST_MAX_FPS. */
  maxFps: number;
  onError(error: unknown): void;
}

export interface FrameWatcher {
  frame(frame: WorkerFrame): void;
  /** The session stopped: no more frames. */
  end(): void;
}

/**
 * The live view of one session: a CDP screencast that runs only while at least one frames stream
 * is open (a frame costs ~30 ms of CPU; DESIGN.md). Chromium sends the next frame only after the
 * previous one is acknowledged, so the frame rate is capped by delaying the ack, not by dropping
 * frames. Headless Chromium sends frames only when the page repaints: a static page yields one.
 * Takes the CDP session as a promise: the session opens it only after the start (session.ts).
 */
export class Screencast {
  readonly #cdp: Promise<CDPSession>;
  readonly #options: ScreencastOptions;
  readonly #listeners = new Set<FrameWatcher>();
  #running = false;
  #lastFrameAt = 0;
  #ackTimer: NodeJS.Timeout | null = null;

  constructor(cdp: Promise<CDPSession>, options: ScreencastOptions) {
    this.#cdp = cdp;
    this.#options = options;
    cdp.then(
      (session) => session.on('Page.screencastFrame', (event) => this.#onFrame(session, event)),
      () => {},
    );
  }

  #onFrame(
    session: CDPSession,
    event: { data: string; sessionId: number; metadata: { deviceWidth: number; deviceHeight: number } },
  ): void {
    if (!this.#running) return;
    const frame: WorkerFrame = {
      data: event.data,
      width: event.metadata.deviceWidth,
      height: event.metadata.deviceHeight,
      at: new Date().toISOString(),
    };
    for (const listener of this.#listeners) listener.frame(frame);
    const minIntervalMs = 1000 / this.#options.maxFps;
    const now = Date.now();
    const waitMs = Math.max(0, this.#lastFrameAt + minIntervalMs - now);
    this.#lastFrameAt = now + waitMs;
    this.#ackTimer = setTimeout(() => {
      this.#ackTimer = null;
      if (!this.#running) return;
      session.send('Page.screencastFrameAck', { sessionId: event.sessionId }).catch(() => {});
    }, waitMs);
  }

  get watchers(): number {
    return this.#listeners.size;
  }

  /** Adds a watcher; the screencast starts with the first. Returns the function that removes it. */
  watch(listener: FrameWatcher): () => void {
    this.#listeners.add(listener);
    if (!this.#running) {
      this.#running = true;
      this.#cdp
        .then((session) =>
          session.send('Page.startScreencast', {
            format: 'jpeg',
            quality: this.#options.quality,
            everyNthFrame: 1,
          }),
        )
        .catch((error: unknown) => this.#options.onError(error));
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#stop();
    };
  }

  #stop(): void {
    if (!this.#running) return;
    this.#running = false;
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    this.#ackTimer = null;
    this.#cdp.then((session) => session.send('Page.stopScreencast')).catch(() => {});
  }

  /** Ends every watcher (the session stops). */
  close(): void {
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    for (const listener of listeners) listener.end();
    this.#stop();
  }
}
