import type { Isolation } from '@fleetwright/contracts';
import type { CDPSession } from 'playwright-core';
import { type ProcessTree, processTreeOf, sumProcessMemory } from './process-memory.ts';
import { findRendererPids, type TraceLock } from './renderer-processes.ts';

export interface MetricSample {
  cpuPercent: number;
  rssBytes: number;
  jsHeapBytes: number;
  netInBytes: number;
  netOutBytes: number;
}

export interface MetricsSourceOptions {
  isolation: Isolation;
  /** `browser` isolation: root of the instance's own process tree. */
  browserPid: number | null;
  /** `context` isolation: the shared browser's trace lock (see renderer-processes.ts). */
  traceLock: TraceLock | null;
}

interface CdpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  postData?: string;
  hasPostData?: boolean;
}

/**
 * Bytes a request puts on the wire, approximately: request line, the headers CDP reports (cookies
 * and other headers added by the network stack are not among them) and the body as far as CDP
 * includes it (maxPostDataSize). Good enough for "how much does this session upload".
 */
function approximateRequestBytes(request: CdpRequest): number {
  let bytes = request.method.length + request.url.length + 12;
  for (const [name, value] of Object.entries(request.headers)) bytes += name.length + value.length + 4;
  if (request.postData) bytes += Buffer.byteLength(request.postData);
  return bytes + 2;
}

/**
 * Samples one instance: CPU and JS heap from Performance.getMetrics (one CDP call per sample),
 * network bytes from Network events on the instance's own CDP session, memory from /proc.
 *
 * - cpuPercent: the page's main-thread task time (TaskDuration) over wall time between samples, in
 *   percent of one core. Compositor, raster and network-service threads are not included.
 * - rssBytes: PSS. `browser` isolation: the instance's whole process tree (browser, zygotes, GPU,
 *   network service, renderers). `context` isolation: only the renderer process(es) serving the
 *   page (see renderer-processes.ts); the shared browser, GPU and network-service processes serve
 *   every context and are the worker's overhead, not the instance's.
 * - netIn/OutBytes: bytes since the previous sample, of the main frame target. Requests of
 *   out-of-process iframes (cross-site iframes) go through their own targets and are not counted.
 */
export class InstanceMetricsSampler {
  readonly #cdp: CDPSession;
  readonly #options: MetricsSourceOptions;
  #netIn = 0;
  #netOut = 0;
  /** Bytes already counted from dataReceived per request, so loadingFinished adds only the rest. */
  readonly #received = new Map<string, number>();
  #previous: { taskDuration: number; timestamp: number } | null = null;
  #rendererPids: number[] = [];
  #renderersStale = true;

  constructor(cdp: CDPSession, options: MetricsSourceOptions) {
    this.#cdp = cdp;
    this.#options = options;
    cdp.on('Network.requestWillBeSent', (event) => {
      this.#netOut += approximateRequestBytes(event.request);
    });
    cdp.on('Network.dataReceived', (event) => {
      if (event.encodedDataLength <= 0) return;
      this.#netIn += event.encodedDataLength;
      this.#received.set(
        event.requestId,
        (this.#received.get(event.requestId) ?? 0) + event.encodedDataLength,
      );
    });
    cdp.on('Network.loadingFinished', (event) => {
      const counted = this.#received.get(event.requestId) ?? 0;
      this.#received.delete(event.requestId);
      this.#netIn += Math.max(0, event.encodedDataLength - counted);
    });
    cdp.on('Network.loadingFailed', (event) => {
      this.#received.delete(event.requestId);
    });
    cdp.on('Network.webSocketFrameReceived', (event) => {
      this.#netIn += event.response.payloadData.length;
    });
    cdp.on('Network.webSocketFrameSent', (event) => {
      this.#netOut += event.response.payloadData.length;
    });
  }

  /**
   * Network with zero-size buffers: this session only counts bytes, and Chromium would otherwise keep
   * a second copy of response bodies for it (Playwright's own session already buffers them).
   */
  async enable(): Promise<void> {
    await Promise.all([
      this.#cdp.send('Network.enable', {
        maxTotalBufferSize: 0,
        maxResourceBufferSize: 0,
        maxPostDataSize: 65_536,
      }),
      this.#cdp.send('Performance.enable', { timeDomain: 'timeTicks' }),
    ]);
  }

  /** A main-frame navigation may move the page to another renderer process. */
  markNavigated(): void {
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
    const sample = {
      cpuPercent: Math.round(cpuPercent * 100) / 100,
      rssBytes,
      jsHeapBytes: metrics.jsHeapUsed,
      netInBytes: this.#netIn,
      netOutBytes: this.#netOut,
    };
    this.#netIn = 0;
    this.#netOut = 0;
    return sample;
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
    if (this.#renderersStale && this.#options.traceLock) {
      try {
        const pids = await findRendererPids(this.#cdp, this.#options.traceLock);
        if (pids.length > 0) {
          this.#rendererPids = pids;
          this.#renderersStale = false;
        }
      } catch {
        // Busy or closing: keep the previous renderer set and try again next sample.
      }
    }
    return sumProcessMemory(this.#rendererPids);
  }
}
