import { type ProxyProvider, proxyProviderPresets } from '@fleetwright/contracts';
import type { ProxyProviderRow } from '@fleetwright/db';

/**
 * The API's view of a provider entry: the gateway in use (the entry's own or the preset's) and
 * `hasPassword`. The response schema has no password field, so it cannot leak even through a
 * mistake here.
 */
export function toProxyProvider(row: ProxyProviderRow): ProxyProvider {
  const preset = proxyProviderPresets[row.kind];
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    username: row.username,
    zone: row.zone,
    hasPassword: row.password !== '',
    host: row.host ?? preset.host,
    port: row.port ?? preset.port,
    countries: row.countries,
    stickyMinutes: row.stickyMinutes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
