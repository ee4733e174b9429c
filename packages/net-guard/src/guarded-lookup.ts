import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { type CheckTargetOptions, checkHost, resolveAllAddresses } from './check-target-url.ts';

/**
 * A `dns.lookup`-compatible function that refuses names with a non-public address, for sockets
 * and HTTP clients we open ourselves (`net.connect({ lookup })`, undici's `connect.lookup`). The
 * check runs on the addresses the socket then connects to, so DNS rebinding between a check and
 * the connection is not possible. A refusal fails the connection with a `TargetRefusedError`.
 *
 * Limit: Node does not call `lookup` for a host that is already an IP address, so an IP-literal
 * URL gets through this alone. With undici, use `createGuardedConnect`, which checks those too.
 */
export function createGuardedLookup(options: CheckTargetOptions): LookupFunction {
  const resolve = options.resolve ?? resolveAllAddresses;
  return (hostname, lookupOptions, callback) => {
    const host = hostname.toLowerCase();
    const addresses = options.allowPrivate
      ? resolve(host)
      : checkHost(host, host, {
          resolve,
          classify: options.classify,
          privateTargets: options.privateTargets,
        });
    addresses.then(
      (all) => answerLookup(hostname, all, lookupOptions, callback),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

/** A `dns.lookup`-compatible function that answers `addresses` (already checked) for any name. */
export function pinnedLookup(addresses: readonly string[]): LookupFunction {
  return (hostname, lookupOptions, callback) => answerLookup(hostname, addresses, lookupOptions, callback);
}

/** Answers a lookup with `all`, filtered by the family asked for, in `dns.lookup`'s callback shapes. */
function answerLookup(
  hostname: string,
  all: readonly string[],
  lookupOptions: Parameters<LookupFunction>[1],
  callback: Parameters<LookupFunction>[2],
): void {
  const wanted = familyNumber(lookupOptions.family);
  const entries: LookupAddress[] = all
    .map((address) => ({ address, family: isIP(address) }))
    .filter((entry) => entry.family !== 0 && (wanted === 0 || entry.family === wanted));
  const first = entries[0];
  if (!first) {
    const which = wanted === 0 ? 'an' : `an IPv${wanted}`;
    const error: NodeJS.ErrnoException = new Error(`${hostname} has no ${which} address`);
    error.code = 'ENOTFOUND';
    callback(error, []);
  } else if (lookupOptions.all) {
    callback(null, entries);
  } else {
    callback(null, first.address, first.family);
  }
}

/** `dns.lookup` accepts 'IPv4' and 'IPv6' for backward compatibility; 0 means either. */
function familyNumber(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
