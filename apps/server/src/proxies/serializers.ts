import type { PoolProxy } from '@fleetwright/contracts';
import type { ProxyRow } from '@fleetwright/db';
import { toPoolProxy } from '@fleetwright/events';

export { toProxyValidation } from '@fleetwright/events';

/**
 * The API's view of a proxy (the same as its events': packages/events toPoolProxy); never its
 * password. `sessionsUsing` is 0 until sessions take their proxy from the pool (they carry a proxy
 * URL of their own today).
 */
export function toProxy(row: ProxyRow, sessionsUsing = 0): PoolProxy {
  return toPoolProxy(row, sessionsUsing);
}
