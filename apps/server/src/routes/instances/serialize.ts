import type { Instance, InstanceLog, InstanceMetric } from '@fleetwright/contracts';
import type { InstanceLogRow, InstanceMetricRow, InstanceRow } from '@fleetwright/db';

/**
 * `scheme://user:secret@host:port` → `scheme://user:***@host:port`, leaving the rest as the user
 * wrote it. Every instance the API answers or emits goes through `toInstance`, so a proxy
 * password never leaves the server.
 */
export function redactProxyUrl(proxyUrl: string): string {
  let hasPassword = false;
  try {
    hasPassword = new URL(proxyUrl).password !== '';
  } catch {
    // Validated on the way in; an unparsable value is shown without its credentials part at all.
    return proxyUrl.replace(/\/\/[^/]*@/, '//***@');
  }
  return hasPassword ? proxyUrl.replace(/^([a-z0-9+.-]+:\/\/[^:@/]*:)[^@]*@/i, '$1***@') : proxyUrl;
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toInstance(row: InstanceRow): Instance {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    status: row.status,
    isolation: row.isolation,
    startUrl: row.startUrl,
    currentUrl: row.currentUrl,
    tags: row.tags,
    viewport: row.viewport,
    device: row.device,
    locale: row.locale,
    timezone: row.timezone,
    geolocation: row.geolocation,
    userAgent: row.userAgent,
    headers: row.headers,
    proxyUrl: row.proxyUrl === null ? null : redactProxyUrl(row.proxyUrl),
    script: row.script,
    workerId: row.workerId,
    browserPid: row.browserPid,
    restartCount: row.restartCount,
    lastError: row.lastError,
    lastActivityAt: iso(row.lastActivityAt),
    startedAt: iso(row.startedAt),
    stoppedAt: iso(row.stoppedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toInstanceLog(row: InstanceLogRow): InstanceLog {
  return {
    id: row.id,
    instanceId: row.instanceId,
    level: row.level,
    source: row.source,
    message: row.message,
    data: row.data ?? null,
    at: row.at.toISOString(),
  };
}

export function toInstanceMetric(row: InstanceMetricRow): InstanceMetric {
  return {
    instanceId: row.instanceId,
    at: row.at.toISOString(),
    cpuPercent: row.cpuPercent,
    rssBytes: row.rssBytes,
    jsHeapBytes: row.jsHeapBytes,
    netInBytes: row.netInBytes,
    netOutBytes: row.netOutBytes,
  };
}
