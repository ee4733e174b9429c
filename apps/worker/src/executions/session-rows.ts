import { randomUUID } from 'node:crypto';
import { NO_PROXY_ROTATION } from '@fleetwright/contracts';
import type { ExecutionRow, NewSessionRow } from '@fleetwright/db';
import { columnContext, type Keyring, openColumn, sealColumn } from '@fleetwright/secrets';

/**
 * The row of one session of an execution: the job's session template, the target as start URL,
 * PENDING so that this worker's SessionManager claims and opens it like any other session (proxy,
 * egress guard, logs and metrics apply). The template's proxy URL, sealed for the job, is sealed
 * again for the session (an encrypted value is bound to its row).
 */
export function executionSessionRow(
  keyring: Keyring,
  execution: ExecutionRow,
  slot: { target: string; number: number },
): NewSessionRow & { id: string } {
  const id = randomUUID();
  const { spec } = execution;
  const template = spec.sessionTemplate;
  const proxyUrl = spec.proxyUrl
    ? openColumn(keyring, spec.proxyUrl, columnContext('jobs', 'proxy_url', execution.jobId))
    : null;
  return {
    id,
    organizationId: execution.organizationId,
    name: `${execution.jobName} #${slot.number}`.slice(0, 100),
    status: 'PENDING',
    startUrl: slot.target,
    executionId: execution.id,
    isolation: template.isolation ?? 'context',
    tags: template.tags ?? [],
    viewport: template.viewport ?? null,
    device: template.device ?? null,
    locale: template.locale ?? null,
    timezone: template.timezone ?? null,
    geolocation: template.geolocation ?? null,
    userAgent: template.userAgent ?? null,
    headers: template.headers ?? {},
    proxy: template.proxy ?? null,
    proxyRotation: template.proxyRotation ?? NO_PROXY_ROTATION,
    geoFromProxy: template.geoFromProxy ?? false,
    proxyUrl: sealColumn(keyring, proxyUrl, columnContext('sessions', 'proxy_url', id)),
    proxyDisplay: null,
  };
}
