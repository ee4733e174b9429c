import {
  type ProxyProvider,
  type ProxyProviderPresetInfo,
  proxyProviderKinds,
  proxyProviderPresets,
} from '@fleetwright/contracts';
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

/** The presets without their username builders: what the dashboard's form needs. */
export function toPresetInfos(): ProxyProviderPresetInfo[] {
  return proxyProviderKinds.map((kind) => {
    const { label, host, port, needsZone, sticky, countries } = proxyProviderPresets[kind];
    return {
      kind,
      label,
      host,
      port,
      needsZone,
      sticky,
      countries: countries === 'any' ? 'any' : [...countries],
    };
  });
}
