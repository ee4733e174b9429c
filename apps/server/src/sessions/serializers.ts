import type { Session, SessionLog, SessionMetric } from '@fleetwright/contracts';
import type { SessionLogRow, SessionMetricRow, SessionRow } from '@fleetwright/db';

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toSession(row: SessionRow): Session {
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
    proxyUrl: row.proxyDisplay,
    proxy: row.proxy,
    proxyId: row.proxyId,
    poolProxy: row.proxyId ? row.poolProxy : null,
    proxyProvider: row.proxyProviderId ? row.proxyProvider : null,
    proxyCountry: row.proxyId || row.proxyProviderId ? row.proxyCountry : null,
    proxyRotation: row.proxyRotation,
    geoFromProxy: row.geoFromProxy,
    script: row.script,
    profileId: row.profileId,
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

export function toSessionLog(row: SessionLogRow): SessionLog {
  return {
    id: row.id,
    sessionId: row.sessionId,
    level: row.level,
    source: row.source,
    message: row.message,
    data: row.data ?? null,
    at: row.at.toISOString(),
  };
}

export function toSessionMetric(row: SessionMetricRow): SessionMetric {
  return {
    sessionId: row.sessionId,
    at: row.at.toISOString(),
    cpuPercent: row.cpuPercent,
    rssBytes: row.rssBytes,
    jsHeapBytes: row.jsHeapBytes,
    netInBytes: row.netInBytes,
    netOutBytes: row.netOutBytes,
  };
}
