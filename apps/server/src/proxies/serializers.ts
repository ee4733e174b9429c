import type { PoolProxy } from '@fleetwright/contracts';
import { countSessionsUsingProxies, type DatabaseOrTransaction, type ProxyRow } from '@fleetwright/db';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * The API's view of a proxy. The password column is read only to say whether there is one: the
 * response schema has no field for it, so it cannot leak even through a mistake here.
 * `sessionsUsing`: active sessions with this proxy (see toProxiesWithUse); 0 where not counted.
 */
export function toProxy(row: ProxyRow, sessionsUsing = 0): PoolProxy {
  return {
    id: row.id,
    protocol: row.protocol,
    host: row.host,
    port: row.port,
    username: row.username,
    hasPassword: row.password !== null,
    tags: row.tags,
    status: row.status,
    country: row.country,
    region: row.region,
    city: row.city,
    asn: row.asn,
    exitIp: row.exitIp,
    latencyMs: row.latencyMs,
    successRate: row.successRate,
    anonymity: row.anonymity,
    supportsConnect: row.supportsConnect,
    lastCheckedAt: iso(row.lastCheckedAt),
    lastUsedAt: iso(row.lastUsedAt),
    sessionsUsing,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The proxies with `sessionsUsing` counted: the organization's active sessions that use each one. */
export async function toProxiesWithUse(
  db: DatabaseOrTransaction,
  organizationId: string,
  rows: ProxyRow[],
): Promise<PoolProxy[]> {
  const using = await countSessionsUsingProxies(
    db,
    organizationId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toProxy(row, using.get(row.id) ?? 0));
}
