import http from 'node:http';
import https from 'node:https';
import type { CheckEcho } from '@fleetwright/net-guard';
import {
  type CheckProxyOptions,
  checkProxy,
  type ProxyCheckResult,
  type ProxyEndpoint,
} from './check-proxy.ts';
import { type AnonymityBaseline, originAddresses } from './judge-anonymity.ts';

/**
 * Checks run at once by default. A check of a hanging proxy holds its place for the whole timeout,
 * so a run lasts about the timeout after its last hanging proxy started. With 2,000 places, 2,000
 * proxies start in one wave and end about 5.5 s later at a 5 s timeout (≥ 20,000 a minute, 30 %
 * hanging); with 1,000 the second half waited for places freed by the first, and on a busy 2-core
 * machine the run took 7–9 s. A place costs one socket (one file descriptor) and a few KB.
 */
export const DEFAULT_CHECK_CONCURRENCY = 2000;

export interface CheckProxiesOptions<P extends ProxyEndpoint>
  extends Pick<CheckProxyOptions, 'checkUrl' | 'timeoutMs' | 'ca'> {
  /** Checks in flight at most. @default DEFAULT_CHECK_CONCURRENCY */
  concurrency?: number;
  /**
   * Receives each result as soon as its check ends, in completion order. A returned promise is
   * awaited before that place takes the next proxy (backpressure); a throw ends the run with it.
   */
  onResult: (proxy: P, result: ProxyCheckResult) => void | Promise<void>;
  /**
   * Stops the run: no further proxy is taken, checks in flight are cut, their results are not
   * reported, and checkProxies rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * What the echo sees without a proxy (the checker's own address, the echo's own proxy headers),
   * for the anonymity verdicts. @default learned by one direct request to checkUrl (learnCheckBaseline)
   */
  baseline?: AnonymityBaseline;
  /** Screens each proxy's host before its check connects (see CheckProxyOptions.resolveAddress). @default none */
  screen?: (proxy: P) => Promise<string>;
}

export interface CheckProxiesSummary {
  checked: number;
  ok: number;
}

/**
 * Checks every proxy of `proxies` (an array, a generator, a database cursor…) with at most
 * `concurrency` checks in flight. Proxies are pulled one at a time as places free up and results
 * are handed to onResult and dropped, so memory holds only the checks in flight, whatever the count.
 */
export async function checkProxies<P extends ProxyEndpoint>(
  proxies: Iterable<P> | AsyncIterable<P>,
  options: CheckProxiesOptions<P>,
): Promise<CheckProxiesSummary> {
  const concurrency = options.concurrency ?? DEFAULT_CHECK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be an integer ≥ 1');
  new URL(options.checkUrl); // fails now, not once per proxy
  options.signal?.throwIfAborted();

  // One controller for the run: the caller's cancel, or a failing onResult, stops every place and
  // cancels the checks in flight. Each check listens to a signal of its own, kept in `inFlight`:
  // thousands of listeners on one AbortSignal cost O(n) each to add (EventTarget's duplicate check).
  const run = new AbortController();
  const inFlight = new Set<AbortController>();
  run.signal.addEventListener('abort', () => {
    for (const check of inFlight) check.abort();
  });
  const cancel = () => run.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', cancel, { once: true });
  const iterator =
    Symbol.asyncIterator in proxies ? proxies[Symbol.asyncIterator]() : proxies[Symbol.iterator]();
  // One pull at a time: not every async iterator copes with overlapping next() calls.
  let pulling: Promise<IteratorResult<P>> = Promise.resolve({ done: false, value: undefined as never });
  const pull = () => {
    pulling = pulling.then(() => iterator.next());
    return pulling;
  };
  const summary: CheckProxiesSummary = { checked: 0, ok: 0 };
  let failure: { error: unknown } | null = null;

  try {
    const baseline =
      options.baseline ??
      (await learnCheckBaseline({
        checkUrl: options.checkUrl,
        timeoutMs: options.timeoutMs,
        signal: run.signal,
        ca: options.ca,
      }));
    const place = async () => {
      while (!run.signal.aborted) {
        const next = await pull();
        if (next.done || run.signal.aborted) return;
        const check = new AbortController();
        inFlight.add(check);
        const result = await checkProxy(next.value, {
          checkUrl: options.checkUrl,
          timeoutMs: options.timeoutMs,
          ca: options.ca,
          signal: check.signal,
          clientAddresses: baseline.clientAddresses,
          baselineHeaders: baseline.baselineHeaders,
          resolveAddress: options.screen && (() => options.screen!(next.value)),
        });
        inFlight.delete(check);
        if (run.signal.aborted) return;
        summary.checked += 1;
        if (result.ok) summary.ok += 1;
        await options.onResult(next.value, result);
      }
    };
    const places = Array.from({ length: concurrency }, () =>
      place().catch((error: unknown) => {
        failure ??= { error };
        run.abort(error);
      }),
    );
    await Promise.all(places);
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    await iterator.return?.();
  }
  if (failure) throw (failure as { error: unknown }).error;
  options.signal?.throwIfAborted();
  return summary;
}

/**
 * Asks the check URL directly, without a proxy, what it sees of this machine: its public address
 * (which a transparent proxy would forward) and the proxy headers its own front end adds. When the
 * echo cannot be reached directly (egress only through proxies), the baseline is empty and
 * transparency is judged by the machine's interface addresses alone.
 */
export async function learnCheckBaseline(
  options: Pick<CheckProxyOptions, 'checkUrl' | 'timeoutMs' | 'signal' | 'ca'>,
): Promise<AnonymityBaseline> {
  try {
    const echo = await fetchEchoDirectly(options);
    return { clientAddresses: originAddresses(echo.origin), baselineHeaders: Object.keys(echo.headers) };
  } catch {
    return { clientAddresses: [], baselineHeaders: [] };
  }
}

async function fetchEchoDirectly(
  options: Pick<CheckProxyOptions, 'checkUrl' | 'timeoutMs' | 'signal' | 'ca'>,
) {
  const target = new URL(options.checkUrl);
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
    : AbortSignal.timeout(options.timeoutMs);
  const body = await new Promise<string>((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).get(
      target,
      { signal, agent: false, ca: options.ca as string | string[] | undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.once('error', reject);
      },
    );
    request.once('error', reject);
  });
  const parsed = JSON.parse(body) as { origin?: string; ip?: string; headers?: Record<string, unknown> };
  return {
    origin: parsed.origin ?? parsed.ip ?? '',
    headers: Object.fromEntries(
      Object.entries(parsed.headers ?? {}).map(([name]) => [name.toLowerCase(), '']),
    ),
  } satisfies CheckEcho;
}
