import type { ProxyStrategy } from '@fleetwright/contracts';
import { startTestPostgres, type TestPostgres } from '@fleetwright/testing/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseClient } from '../src/client.ts';
import { runMigrations } from '../src/migrate.ts';
import { pickProxy, recordProxyFailure } from '../src/queries/proxy-selection.ts';

/** Issue 10: how sessions draw from the pool, on a real Postgres. */
let postgres: TestPostgres;
let database: DatabaseClient;
let organizationId: string;

beforeAll(async () => {
  postgres = await startTestPostgres();
  database = createDatabase({ connectionString: postgres.connectionString });
  await runMigrations(database.db);
  const { rows } = await database.pool.query<{ id: string }>(
    `INSERT INTO organizations (name, slug) VALUES ('Acme', 'acme') RETURNING id`,
  );
  organizationId = rows[0]!.id;
});

afterAll(async () => {
  await database?.close().catch(() => {});
  await postgres?.stop();
});

beforeEach(async () => {
  await database.pool.query('DELETE FROM proxies');
  await database.pool.query('DELETE FROM proxy_cursors');
});

interface Seed {
  host: string;
  status?: string;
  country?: string | null;
  tags?: string[];
  successRate?: number | null;
  latencyMs?: number | null;
}

async function seed(proxies: Seed[], org = organizationId): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const proxy of proxies) {
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO proxies (organization_id, host, port, status, country, tags, success_rate, latency_ms)
       VALUES ($1, $2, 8080, $3, $4, $5, $6, $7) RETURNING id`,
      [
        org,
        proxy.host,
        proxy.status ?? 'HEALTHY',
        proxy.country ?? null,
        proxy.tags ?? [],
        proxy.successRate ?? null,
        proxy.latencyMs ?? null,
      ],
    );
    ids.set(proxy.host, rows[0]!.id);
  }
  return ids;
}

async function pickHosts(
  strategy: ProxyStrategy,
  times: number,
  extra: { country?: string; tags?: string[] } = {},
): Promise<string[]> {
  const hosts: string[] = [];
  for (let i = 0; i < times; i++) {
    const result = await pickProxy(database.db, { organizationId, strategy, ...extra });
    if (!('proxy' in result)) throw new Error(result.reason);
    hosts.push(result.proxy.host);
  }
  return hosts;
}

function tally(hosts: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const host of hosts) counts[host] = (counts[host] ?? 0) + 1;
  return counts;
}

describe('round-robin', () => {
  it('hands out every candidate once before any twice, in a cycle', async () => {
    await seed([{ host: 'a.test' }, { host: 'b.test' }, { host: 'c.test' }, { host: 'd.test' }]);
    const hosts = await pickHosts('round-robin', 12);
    expect(tally(hosts)).toEqual({ 'a.test': 3, 'b.test': 3, 'c.test': 3, 'd.test': 3 });
    // The same cycle each round: the cursor moves on, it does not restart.
    expect(hosts.slice(4, 8)).toEqual(hosts.slice(0, 4));
    expect(new Set(hosts.slice(0, 4)).size).toBe(4);
  });

  it('gives concurrent picks different proxies', async () => {
    await seed([{ host: 'a.test' }, { host: 'b.test' }, { host: 'c.test' }, { host: 'd.test' }]);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => pickProxy(database.db, { organizationId, strategy: 'round-robin' })),
    );
    const hosts = results.map((result) => ('proxy' in result ? result.proxy.host : result.reason));
    expect(new Set(hosts).size).toBe(4);
  });
});

describe('least-recently-used', () => {
  it('takes the proxy used longest ago, never-used ones first, and marks it used', async () => {
    const ids = await seed([{ host: 'a.test' }, { host: 'b.test' }, { host: 'c.test' }]);
    await database.pool.query(`UPDATE proxies SET last_used_at = now() - interval '1 hour' WHERE id = $1`, [
      ids.get('a.test'),
    ]);
    await database.pool.query(`UPDATE proxies SET last_used_at = now() - interval '2 hours' WHERE id = $1`, [
      ids.get('b.test'),
    ]);
    const hosts = await pickHosts('least-recently-used', 6);
    expect(hosts.slice(0, 3)).toEqual(['c.test', 'b.test', 'a.test']);
    expect(tally(hosts)).toEqual({ 'a.test': 2, 'b.test': 2, 'c.test': 2 });
    const { rows } = await database.pool.query(
      'SELECT count(*)::int AS unused FROM proxies WHERE last_used_at IS NULL',
    );
    expect(rows[0].unused).toBe(0);
  });

  it('gives concurrent picks different proxies', async () => {
    await seed([{ host: 'a.test' }, { host: 'b.test' }, { host: 'c.test' }]);
    // Twenty rounds: a pick that reads before another commits is a race, rarely lost in one round.
    for (let round = 0; round < 20; round += 1) {
      await database.pool.query('UPDATE proxies SET last_used_at = NULL');
      const results = await Promise.all(
        Array.from({ length: 3 }, () =>
          pickProxy(database.db, { organizationId, strategy: 'least-recently-used' }),
        ),
      );
      expect(new Set(results.map((result) => ('proxy' in result ? result.proxy.host : ''))).size).toBe(3);
    }
  });
});

describe('weighted', () => {
  it('picks in proportion to success rate and latency', async () => {
    // Weights: fast 1 × 1000/1100 ≈ 0.909; slow 1 × 1000/4000 = 0.25; flaky 0.2 × 1000/1100 ≈ 0.182.
    await seed([
      { host: 'fast.test', successRate: 1, latencyMs: 100 },
      { host: 'slow.test', successRate: 1, latencyMs: 3000 },
      { host: 'flaky.test', successRate: 0.2, latencyMs: 100 },
    ]);
    const picks = 1500;
    const counts = tally(await pickHosts('weighted', picks));
    const total = 0.909 + 0.25 + 0.182;
    // Generous bounds (binomial, n = 1500: σ ≈ 1.2 % at most): the order and the rough shares.
    expect(counts['fast.test']! / picks).toBeCloseTo(0.909 / total, 1);
    expect(counts['slow.test']! / picks).toBeCloseTo(0.25 / total, 1);
    expect(counts['flaky.test']! / picks).toBeCloseTo(0.182 / total, 1);
    expect(counts['fast.test']!).toBeGreaterThan(counts['slow.test']!);
    expect(counts['slow.test']!).toBeGreaterThan(counts['flaky.test']!);
  });
});

describe('country', () => {
  it('picks only proxies of the country, least recently used first', async () => {
    await seed([
      { host: 'de1.test', country: 'DE' },
      { host: 'de2.test', country: 'DE' },
      { host: 'fr.test', country: 'FR' },
    ]);
    const counts = tally(await pickHosts('country', 10, { country: 'DE' }));
    expect(counts).toEqual({ 'de1.test': 5, 'de2.test': 5 });
  });

  it('narrows the other strategies too, with tags', async () => {
    await seed([
      { host: 'de-res.test', country: 'DE', tags: ['residential', 'eu'] },
      { host: 'de-dc.test', country: 'DE', tags: ['datacenter'] },
      { host: 'fr-res.test', country: 'FR', tags: ['residential'] },
    ]);
    const hosts = await pickHosts('round-robin', 4, { country: 'DE', tags: ['residential'] });
    expect(new Set(hosts)).toEqual(new Set(['de-res.test']));
  });
});

describe('candidates', () => {
  it('prefers HEALTHY and UNCHECKED, falls back to DEGRADED, never DOWN or BLACKLISTED', async () => {
    await seed([
      { host: 'healthy.test', status: 'HEALTHY' },
      { host: 'unchecked.test', status: 'UNCHECKED' },
      { host: 'degraded.test', status: 'DEGRADED' },
      { host: 'down.test', status: 'DOWN' },
      { host: 'blacklisted.test', status: 'BLACKLISTED' },
    ]);
    for (const strategy of ['round-robin', 'least-recently-used', 'weighted'] as const) {
      const counts = tally(await pickHosts(strategy, 20));
      expect(Object.keys(counts).sort(), strategy).toEqual(['healthy.test', 'unchecked.test']);
    }
    await database.pool.query(`UPDATE proxies SET status = 'DOWN' WHERE status IN ('HEALTHY', 'UNCHECKED')`);
    expect(new Set(await pickHosts('least-recently-used', 3))).toEqual(new Set(['degraded.test']));
  });

  it('answers NO_HEALTHY_PROXY, or NO_PROXY_IN_COUNTRY when only the country is missing', async () => {
    expect(await pickProxy(database.db, { organizationId, strategy: 'round-robin' })).toEqual({
      reason: 'NO_HEALTHY_PROXY',
    });
    await seed([
      { host: 'fr.test', country: 'FR' },
      { host: 'de-down.test', country: 'DE', status: 'DOWN' },
    ]);
    expect(await pickProxy(database.db, { organizationId, strategy: 'country', country: 'DE' })).toEqual({
      reason: 'NO_PROXY_IN_COUNTRY',
    });
    await database.pool.query(`UPDATE proxies SET status = 'BLACKLISTED'`);
    expect(await pickProxy(database.db, { organizationId, strategy: 'country', country: 'DE' })).toEqual({
      reason: 'NO_HEALTHY_PROXY',
    });
  });

  it("never picks another organization's proxy, nor an excluded one", async () => {
    const { rows } = await database.pool.query<{ id: string }>(
      `INSERT INTO organizations (name, slug) VALUES ('Other', 'other-${Date.now()}') RETURNING id`,
    );
    await seed([{ host: 'theirs.test' }], rows[0]!.id);
    const ids = await seed([{ host: 'mine.test' }, { host: 'failed.test' }]);
    for (let i = 0; i < 5; i++) {
      const result = await pickProxy(database.db, {
        organizationId,
        strategy: 'round-robin',
        exclude: [ids.get('failed.test')!],
      });
      expect('proxy' in result && result.proxy.host).toBe('mine.test');
    }
  });
});

describe('recordProxyFailure', () => {
  it('counts a consecutive failure and writes a failed check with its code', async () => {
    const ids = await seed([{ host: 'a.test' }]);
    const proxyId = ids.get('a.test')!;
    await recordProxyFailure(database.db, { organizationId, proxyId, error: 'PROXY_ERROR' });
    await recordProxyFailure(database.db, { organizationId, proxyId, error: 'REFUSED' });
    const { rows } = await database.pool.query('SELECT consecutive_failures FROM proxies WHERE id = $1', [
      proxyId,
    ]);
    expect(rows[0].consecutive_failures).toBe(2);
    const checks = await database.pool.query(
      'SELECT ok, error FROM proxy_checks WHERE proxy_id = $1 ORDER BY id',
      [proxyId],
    );
    expect(checks.rows).toEqual([
      { ok: false, error: 'PROXY_ERROR' },
      { ok: false, error: 'REFUSED' },
    ]);
  });
});
