/**
 * Proxy picks (issue 10): how long one session's pick from the pool takes, per strategy, with the
 * organization's pool at `proxies` proxies (ENTERPRISE's quota is 2,000; 100,000 is a large import
 * under an override), on a real Postgres. Each pick is one statement (round-robin: two, in a
 * transaction with the cursor row) that also marks the proxy used.
 */
import type { ProxyStrategy } from '@fleetwright/contracts';
import { createDatabase, pickProxy, runMigrations } from '@fleetwright/db';
import { startTestPostgres } from '@fleetwright/testing/database';

export interface ProxyPickResult {
  proxies: number;
  /** Median ms of one pick, by strategy. */
  p50Ms: Record<ProxyStrategy, number>;
}

const STRATEGIES: ProxyStrategy[] = ['round-robin', 'least-recently-used', 'weighted', 'country'];

export async function measureProxyPick(proxies: number, picks = 200): Promise<ProxyPickResult> {
  const postgres = await startTestPostgres();
  const database = createDatabase({ connectionString: postgres.connectionString });
  try {
    await runMigrations(database.db);
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO organizations (name, slug) VALUES ('Bench', 'bench') RETURNING id`,
    );
    const organizationId = rows[0]!.id;
    // A pool as checks leave it: mostly HEALTHY, some DEGRADED and DOWN, ten countries.
    await database.pool.query(
      `INSERT INTO proxies (organization_id, host, port, status, country, success_rate, latency_ms)
       SELECT $1, '10.' || (n >> 16) || '.' || ((n >> 8) & 255) || '.' || (n & 255), 8080,
              (CASE WHEN n % 10 = 0 THEN 'DOWN' WHEN n % 7 = 0 THEN 'DEGRADED' ELSE 'HEALTHY' END)::proxy_status,
              (ARRAY['DE','US','BR','FR','JP','GB','ES','IN','CA','AU'])[1 + (n / 3) % 10], random(), 50 + (random() * 2000)::int
       FROM generate_series(1, $2) AS n`,
      [organizationId, proxies],
    );
    await database.pool.query('VACUUM ANALYZE proxies');
    const p50Ms = {} as Record<ProxyStrategy, number>;
    for (const strategy of STRATEGIES) {
      const times: number[] = [];
      for (let i = 0; i < picks; i++) {
        const t0 = performance.now();
        const result = await pickProxy(database.db, {
          organizationId,
          strategy,
          ...(strategy === 'country' ? { country: 'DE' } : {}),
        });
        times.push(performance.now() - t0);
        if (!('proxy' in result)) throw new Error(`${strategy}: ${result.reason}`);
      }
      times.sort((a, b) => a - b);
      p50Ms[strategy] = times[Math.floor(times.length / 2)]!;
    }
    return { proxies, p50Ms };
  } finally {
    await database.close();
    await postgres.stop();
  }
}
