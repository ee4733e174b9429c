/**
 * API list under load: GET /api/v1/sessions (its default page) at a steady request rate, with many
 * sessions in the organization. The sessions are seeded straight through packages/db (they need
 * not run, so no worker starts); the requests go through the API with an API key, as a client's
 * would. Open loop: each request leaves at its scheduled time whether or not the previous ones
 * have answered, so a slow server shows up as latency instead of a lower request rate.
 */
import { createDatabase, insertSession, updateOrganization } from '@fleetwright/db';
import { startPlatform } from '../test/support/platform.ts';

export interface ListLoadOptions {
  /** Sessions seeded into the organization. @default 10000 */
  sessions?: number;
  /** Requests a second. @default 200 */
  rate?: number;
  /** How long the steady rate is held, ms. @default 10000 */
  durationMs?: number;
}

export interface ListLoadResult {
  sessions: number;
  rate: number;
  requests: number;
  /** Answers other than 200 (each is also left out of the latencies). */
  failures: number;
  /** Latency of each 200 answer, ms (request sent → body read). */
  latencies: number[];
}

/** How long the rate is held before the measured run. */
const WARM_UP_MS = 2000;

/** Inserts at most this many rows at once: a bounded number of connections, not 10,000 promises. */
const SEED_CONCURRENCY = 8;

export async function measureListLoad(options: ListLoadOptions = {}): Promise<ListLoadResult> {
  const count = options.sessions ?? 10_000;
  const rate = options.rate ?? 200;
  const durationMs = options.durationMs ?? 10_000;
  const platform = await startPlatform({
    workers: 0,
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_API_PER_MINUTE: '1000000' },
  });
  try {
    const { organizationId, apiKey } = platform.administrator;
    const database = createDatabase({
      connectionString: platform.databaseUrl,
      applicationName: 'bench-seed',
    });
    try {
      // The plan's per-key limit (ENTERPRISE: 3000 a minute) would answer 429s, not list latency.
      await updateOrganization(database.db, organizationId, {
        quotaOverrides: { apiRequestsPerMinute: 1_000_000 },
      });
      let next = 0;
      const seedSome = async () => {
        for (let i = next++; i < count; i = next++) {
          await insertSession(database.db, {
            organizationId,
            name: `seeded-${i}`,
            startUrl: 'http://127.0.0.1/',
            status: 'STOPPED',
            tags: [`batch-${i % 20}`],
          });
        }
      };
      await Promise.all(Array.from({ length: SEED_CONCURRENCY }, seedSome));
      // Statistics and visibility map as autovacuum leaves them on a table that grew over time.
      await database.pool.query('VACUUM ANALYZE sessions');
    } finally {
      await database.close();
    }

    const url = `${platform.baseUrl}/api/v1/sessions`;
    const headers = { authorization: `Bearer ${apiKey}` };
    const list = async (): Promise<number | null> => {
      const t0 = performance.now();
      const response = await fetch(url, { headers }).catch(() => null);
      if (!response) return null;
      await response.arrayBuffer();
      return response.status === 200 ? performance.now() - t0 : null;
    };
    /** Sends `rate` requests a second for `ms`, open loop; answers each 200's latency and the rest's count. */
    const hold = async (ms: number) => {
      const latencies: number[] = [];
      let failures = 0;
      const inFlight: Promise<void>[] = [];
      const interval = 1000 / rate;
      const total = Math.round((ms / 1000) * rate);
      const t0 = performance.now();
      for (let i = 0; i < total; i++) {
        const wait = t0 + i * interval - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        inFlight.push(
          list().then((latency) => {
            if (latency === null) failures += 1;
            else latencies.push(latency);
          }),
        );
      }
      await Promise.all(inFlight);
      return { total, failures, latencies };
    };
    // Warm-up at the same rate, not measured: the API key's cache entry, the JIT, and as many
    // connections (the client's sockets, the server's pool) as the rate keeps busy. Without it the
    // first 100 ms of the run pay for opening them and that alone decides the p99.
    await hold(WARM_UP_MS);
    const { total, failures, latencies } = await hold(durationMs);
    return { sessions: count, rate, requests: total, failures, latencies };
  } finally {
    await platform.stop();
  }
}
