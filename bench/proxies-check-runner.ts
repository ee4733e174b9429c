/**
 * The checking side of bench/proxies-check.ts, in a process of its own so that its peak memory is
 * the checker's alone (the proxies and the echo live in the parent). Reads the proxy list from the
 * JSON file named by argv[2], checks it with checkProxies at its default bound and prints one line
 * of JSON: counts, error codes, elapsed ms and the peak RSS.
 */
import { readFileSync } from 'node:fs';
import { checkProxies } from '../apps/worker/src/proxies/check-proxies.ts';
import type { ProxyEndpoint } from '../apps/worker/src/proxies/check-proxy.ts';

interface RunnerInput {
  checkUrl: string;
  timeoutMs: number;
  proxies: ProxyEndpoint[];
}

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RunnerInput;
const codes: Record<string, number> = {};
const began = performance.now();
const summary = await checkProxies(input.proxies, {
  checkUrl: input.checkUrl,
  timeoutMs: input.timeoutMs,
  onResult: (_proxy, result) => {
    const code = result.ok ? 'OK' : (result.error?.code ?? 'UNKNOWN');
    codes[code] = (codes[code] ?? 0) + 1;
  },
});
const elapsedMs = performance.now() - began;
// maxRSS is in kilobytes: the high-water mark of the whole run, not a sample.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ ...summary, codes, elapsedMs, peakRssBytes }));
