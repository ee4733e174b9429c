import { type ProxyCountry, type ProxyStatus, proxyStatuses } from '@fleetwright/contracts';
import { countProxiesByCountry, type Database } from '@fleetwright/db';

function noneInAnyStatus(): Record<ProxyStatus, number> {
  return Object.fromEntries(proxyStatuses.map((status) => [status, 0])) as Record<ProxyStatus, number>;
}

/** The pool per exit country, each with its count in every status; most proxies first. */
export async function countProxyCountries(db: Database, organizationId: string): Promise<ProxyCountry[]> {
  const byCountry = new Map<string | null, ProxyCountry>();
  for (const row of await countProxiesByCountry(db, organizationId)) {
    let entry = byCountry.get(row.country);
    if (!entry) {
      entry = { country: row.country, total: 0, statuses: noneInAnyStatus() };
      byCountry.set(row.country, entry);
    }
    entry.total += row.total;
    entry.statuses[row.status] += row.total;
  }
  // Most first; among equals by code, the unlocated last.
  return [...byCountry.values()].sort(
    (a, b) =>
      b.total - a.total ||
      Number(a.country === null) - Number(b.country === null) ||
      (a.country ?? '').localeCompare(b.country ?? ''),
  );
}
