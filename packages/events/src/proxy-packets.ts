import { type PoolProxy, type ProxyStatus, type ProxyValidation, rooms } from '@fleetwright/contracts';
import type { ProxyRow, ProxyValidationRow } from '@fleetwright/db';
import type { SocketPacket } from './socket-packets.ts';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/**
 * A proxy as the API and the events show it. The password column is read only to say whether there
 * is one: the schema has no field for it, so it cannot leak through a mistake here.
 */
export function toPoolProxy(row: ProxyRow, sessionsUsing = 0): PoolProxy {
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

export function toProxyValidation(row: ProxyValidationRow): ProxyValidation {
  return {
    id: row.id,
    status: row.status,
    total: row.total,
    checked: row.checked,
    succeeded: row.succeeded,
    failed: row.failed,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

/** `proxy.validated`: one proxy of a run was checked; to its organization's room. */
export function proxyValidatedPacket(
  proxy: ProxyRow,
  validation: ProxyValidationRow,
): SocketPacket<'proxy.validated'> {
  return {
    name: 'proxy.validated',
    to: [rooms.organization(proxy.organizationId)],
    payload: {
      organizationId: proxy.organizationId,
      proxy: toPoolProxy(proxy),
      validation: toProxyValidation(validation),
    },
  };
}

/** `proxy.health_check`: a periodic check of one proxy, and where it moved it. */
export function proxyHealthCheckPacket(
  proxy: ProxyRow,
  check: { ok: boolean; latencyMs: number | null; previousStatus: ProxyStatus; at: Date },
): SocketPacket<'proxy.health_check'> {
  return {
    name: 'proxy.health_check',
    to: [rooms.organization(proxy.organizationId)],
    payload: {
      organizationId: proxy.organizationId,
      proxyId: proxy.id,
      ok: check.ok,
      latencyMs: check.latencyMs,
      status: proxy.status,
      previousStatus: check.previousStatus,
      at: check.at.toISOString(),
    },
  };
}
