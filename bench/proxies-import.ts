/**
 * Proxy import: POST /api/v1/proxies/import of a 100,000-line txt list (half of the lines with
 * credentials, which are encrypted one by one) against `fleetwright server` on a real Postgres, as a
 * client would send it; then the same list again, where every line merges into a proxy the pool has.
 * Private targets are off, as in production, so every line's host passes the target guard's check
 * (issue 10: IP literals and names refused by name, no DNS).
 */
import { createDatabase, updateOrganization } from '@fleetwright/db';
import { startPlatform } from '../test/support/platform.ts';

export interface ProxyImportResult {
  lines: number;
  /** Request sent → answer read, ms: every line new. */
  importMs: number;
  /** The same list again: every line merges. */
  reimportMs: number;
  imported: number;
  merged: number;
}

/**
 * A list of `lines` distinct proxies: `scheme://user:pass@host:port` and `host:port` alternately, on
 * public addresses (11.0.0.0/8) so that the guard lets them in.
 */
export function proxyList(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const host = `11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    out.push(i % 2 === 0 ? `http://user${i}:pass${i}@${host}:8080` : `${host}:3128`);
  }
  return out.join('\n');
}

export async function measureProxyImport(lines = 100_000): Promise<ProxyImportResult> {
  const platform = await startPlatform({
    workers: 0,
    env: { LOG_LEVEL: 'warn', ALLOW_PRIVATE_TARGETS: '0' },
  });
  try {
    const { organizationId, apiKey } = platform.administrator;
    const database = createDatabase({
      connectionString: platform.databaseUrl,
      applicationName: 'bench-seed',
    });
    try {
      await updateOrganization(database.db, organizationId, { quotaOverrides: { proxies: lines } });
    } finally {
      await database.close();
    }
    const body = proxyList(lines);
    const post = async () => {
      const t0 = performance.now();
      const response = await fetch(`${platform.baseUrl}/api/v1/proxies/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/plain' },
        body,
      });
      const answer = (await response.json()) as { imported: number; merged: number };
      if (response.status !== 200)
        throw new Error(`import answered ${response.status}: ${JSON.stringify(answer)}`);
      return { ms: performance.now() - t0, answer };
    };
    const first = await post();
    const second = await post();
    return {
      lines,
      importMs: first.ms,
      reimportMs: second.ms,
      imported: first.answer.imported,
      merged: second.answer.merged,
    };
  } finally {
    await platform.stop();
  }
}
