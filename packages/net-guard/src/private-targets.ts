import ipaddr from 'ipaddr.js';

/**
 * Non-public hosts and ranges one organization's sessions may reach although private targets are
 * not allowed platform-wide (a platform administrator's list, e.g. a staging network). Every other
 * non-public target stays refused.
 */
export interface PrivateTargets {
  /** Whether `name` (lower-case, without a trailing dot) is listed, itself or by `*.parent`. */
  allowsName(name: string): boolean;
  /** Whether `address` lies in a listed range or is a listed address. */
  allowsAddress(address: string): boolean;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Entries as the contracts accept them (privateTargetSchema): a CIDR range (`10.20.0.0/16`,
 * `fd00::/8`), an IP address, a host name (`intranet.example`: that name only) or `*.` and a name
 * (its subdomains, not the name itself). A listed name passes whatever it resolves to: the
 * administrator vouched for the name. An entry that does not parse is ignored: the API refuses
 * those before they are stored.
 */
export function compilePrivateTargets(entries: readonly string[]): PrivateTargets | null {
  const ranges: Range[] = [];
  const names = new Set<string>();
  const parents: string[] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else if (entry.startsWith('*.')) parents.push(entry.slice(1));
    else if (entry !== '') names.add(entry.replace(/\.+$/, ''));
  }
  if (ranges.length === 0 && names.size === 0 && parents.length === 0) return null;
  return {
    allowsName: (name) => names.has(name) || parents.some((parent) => name.endsWith(parent)),
    allowsAddress: (address) => {
      const parsed = parseAddress(address);
      return parsed !== null && ranges.some((range) => inRange(parsed, range));
    },
  };
}

function parseRange(entry: string): Range | null {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return null;
  }
}

/** IPv4-mapped IPv6 (`::ffff:10.20.0.1`) is matched as the IPv4 it carries; a zone is dropped. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    return ipaddr.process(address.replace(/%.*$/, ''));
  } catch {
    return null;
  }
}

function inRange(address: ipaddr.IPv4 | ipaddr.IPv6, [base, bits]: Range): boolean {
  if (address.kind() !== base.kind()) return false;
  // Same kind, checked above; ipaddr.js types `match` per class.
  return (address as ipaddr.IPv4).match(base as ipaddr.IPv4, bits);
}
