import type { PoolProxy } from '@fleetwright/contracts';
import { countSessionsUsingProxies, type DatabaseOrTransaction, type ProxyRow } from '@fleetwright/db';
import { toPoolProxy } from '@fleetwright/events';

export { toProxyValidation } from '@fleetwright/events';

/**
 * The API's view of a proxy (the same as its events': packages/events toPoolProxy); never its
 * password. `sessionsUsing`: active sessions with this proxy (see toProxiesWithUse); 0 where not
 * counted.
 */
export function toProxy(row: ProxyRow, sessionsUsing = 0): PoolProxy {
  return toPoolProxy(row, sessionsUsing);
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
