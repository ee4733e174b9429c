import type { Isolation } from '@fleetwright/contracts';
import type { MetricSample } from '@fleetwright/events';
import type { CDPSession, Page, Request, WebSocket } from 'playwright-core';
import { type ProcessTree, processTreeOf, sumProcessMemory } from '../browsers/process-memory.ts';
import type { RendererRegistry } from '../browsers/renderer-processes.ts';

export interface MetricsSourceOptions {
  isolation: Isolation;
  /** `browser` isolation: root of the session's own process tree. */
  browserPid: number | null;
  /** `context` isolation: the shared browser's renderer registry (see renderer-processes.ts). */
  renderers: RendererRegistry | null;
  /** The session's key in the registry. */
  session: object;
}

/**
 * Bytes a request puts on the wire, approximately: request line, the headers Playwright reports
 * (cookies and other headers added by the network stack are not among them) and the body. Good
 * enough for "how much does this session upload".
 */
function approximateRequestBytes(request: Request): number {
  let bytes = request.method().length + request.url().length + 12;
  for (const [name, value] of Object.entries(request.headers())) bytes += name.length + value.length + 4;
  bytes += request.postDataBuffer()?.length ?? 0;
  return bytes + 2;
}

const frameBytes = (payload: string | Buffer) =>
  typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;

/**
 * Network bytes of one page, counted from the events Playwright already receives for it (its own
 * CDP session has the Network domain on), so counting costs the browser nothing and starts before
 * the first navigation. Includes out-of-process iframes, which Playwright attaches to as well.
 *
 * - out: each request as it is sent (approximateRequestBytes); WebSocket frames sent.
 * - in: each finished response, headers and encoded body as received (Playwright's request sizes);
 *   WebSocket frames received. A response counts when it completes, a failed one not at all.
 */
export class NetworkBytes {
  #in = 0;
  #out = 0;

  /** Starts counting the page's traffic; returns the function that stops. */
  attach(page: Page): () => void {
    const onRequest = (request: Request) => {
      this.#out += approximateRequestBytes(request);
    };
    const onFinished = (request: Request) => {
      request.sizes().then(
        (sizes) => {
          this.#in += sizes.responseHeadersSize + sizes.responseBodySize;
        },
        // The page closed meanwhile: nothing left to count.
        () => {},
      );
    };
    const onWebSocket = (socket: WebSocket) => {
      socket.on('framereceived', (frame) => {
        this.#in += frameBytes(frame.payload);
      });
      socket.on('framesent', (frame) => {
        this.#out += frameBytes(frame.payload);
      });
    };
    page.on('request', onRequest);
    page.on('requestfinished', onFinished);
    page.on('websocket', onWebSocket);
    return () => {
      page.off('request', onRequest);
      page.off('requestfinished', onFinished);
      page.off('websocket', onWebSocket);
    };
  }

  /** Bytes since the previous call. */
  take(): { inBytes: number; outBytes: number } {
    const taken = { inBytes: this.#in, outBytes: this.#out };
    this.#in = 0;
    this.#out = 0;
    return taken;
  }
}

/**
 * Samples one session: CPU and JS heap from Performance.getMetrics (one CDP call per sample),
 * network bytes from NetworkBytes, memory from /proc.
 *
 * - cpuPercent: the page's main-thread task time (TaskDuration) over wall time between samples, in
 *   percent of one core. Compositor, raster and network-service threads are not included.
 * - rssBytes: PSS. `browser` isolation: the session's whole process tree (browser, zygotes, GPU,
 *   network service, renderers). `context` isolation: only the renderer process(es) serving the
 *   page (see renderer-processes.ts); the shared browser, GPU and network-service processes serve
 *   every context and are the worker's overhead, not the session's.
 * - netIn/OutBytes: bytes since the previous sample (see NetworkBytes).
 */
export class SessionMetricsSampler {
  readonly #cdp: CDPSession;
  readonly #network: NetworkBytes;
  readonly #options: MetricsSourceOptions;
  #previous: { taskDuration: number; timestamp: number } | null = null;
  #rendererPids: number[] = [];
  #renderersStale = true;
  #finding: Promise<void> | null = null;

  constructor(cdp: CDPSession, network: NetworkBytes, options: MetricsSourceOptions) {
    this.#cdp = cdp;
    this.#network = network;
    this.#options = options;
  }

  async enable(): Promise<void> {
    await this.#cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  }

  /** A main-frame navigation may move the page to another renderer process. */
  markNavigated(): void {
    this.#renderersStale = true;
  }

  /**
   * Looks the page's renderer up now, when that needs no trace: right after the start, sessions
   * starting one at a time are told apart by elimination (RendererRegistry). Otherwise the first
   * sample looks it up.
   */
  async findRenderers(): Promise<void> {
    await this.#findRenderers(false);
  }

  async #findRenderers(trace: boolean): Promise<void> {
    // One lookup at a time; a sample waits for the lookup the start began.
    while (this.#finding) await this.#finding;
    if (!this.#options.renderers || !this.#renderersStale) return;
    this.#finding = this.#lookUpRenderers(this.#options.renderers, trace).finally(() => {
      this.#finding = null;
    });
    await this.#finding;
  }

  async #lookUpRenderers(renderers: RendererRegistry, trace: boolean): Promise<void> {
    // Cleared first: a navigation during the lookup marks the result stale again.
    this.#renderersStale = false;
    try {
      const pids = await renderers.find(this.#options.session, this.#cdp, { trace });
      if (pids && pids.length > 0) {
        this.#rendererPids = pids;
        return;
      }
    } catch {
      // Busy or closing: keep the previous renderer set and try again next sample.
    }
    this.#renderersStale = true;
  }

  /** Takes the CPU baseline, so the first real sample has a delta. */
  async prime(): Promise<void> {
    const metrics = await this.#readPerformance();
    this.#previous = { taskDuration: metrics.taskDuration, timestamp: metrics.timestamp };
  }

  async sample(processTree: ProcessTree | null): Promise<MetricSample> {
    const [metrics, rssBytes] = await Promise.all([this.#readPerformance(), this.#readMemory(processTree)]);
    let cpuPercent = 0;
    if (this.#previous) {
      // TaskDuration restarts at 0 when a navigation moves the page to a new renderer.
      const task =
        metrics.taskDuration >= this.#previous.taskDuration
          ? metrics.taskDuration - this.#previous.taskDuration
          : metrics.taskDuration;
      const wall = metrics.timestamp - this.#previous.timestamp;
      if (wall > 0) cpuPercent = Math.min(100, (task / wall) * 100);
    }
    this.#previous = { taskDuration: metrics.taskDuration, timestamp: metrics.timestamp };
    const network = this.#network.take();
    return {
      cpuPercent: Math.round(cpuPercent * 100) / 100,
      rssBytes,
      jsHeapBytes: metrics.jsHeapUsed,
      netInBytes: network.inBytes,
      netOutBytes: network.outBytes,
    };
  }

  async #readPerformance(): Promise<{ taskDuration: number; timestamp: number; jsHeapUsed: number }> {
    const { metrics } = await this.#cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return {
      // Seconds, like Timestamp (monotonic clock shared by all processes).
      taskDuration: value('TaskDuration'),
      timestamp: value('Timestamp'),
      jsHeapUsed: Math.round(value('JSHeapUsedSize')),
    };
  }

  async #readMemory(processTree: ProcessTree | null): Promise<number> {
    if (this.#options.isolation === 'browser') {
      if (!this.#options.browserPid || !processTree) return 0;
      return sumProcessMemory(processTreeOf(processTree, this.#options.browserPid));
    }
    await this.#findRenderers(true);
    return sumProcessMemory(this.#rendererPids);
  }
}
