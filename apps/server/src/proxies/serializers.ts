import type { PoolProxy } from '@fleetwright/contracts';
import type { ProxyRow } from '@fleetwright/db';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * The API's view of a proxy. The password column is read only to say whether there is one: the
 * response schema has no field for it, so it cannot leak even through a mistake here.
 * `sessionsUsing` is 0 until sessions take their proxy from the pool (they carry a proxy URL of
 * their own today).
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
