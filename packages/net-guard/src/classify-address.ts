import ipaddr from 'ipaddr.js';

/**
 * What kind of network an IP address belongs to. Only `public` may be reached by sessions and
 * webhooks unless private targets are allowed; every other class is refused.
 *
 * - `private`: RFC 1918 IPv4, unique-local fc00::/7 and the deprecated site-local fec0::/10.
 * - `carrier-grade-nat`: 100.64.0.0/10, the shared address space behind ISP NATs.
 * - `benchmarking`: 198.18.0.0/15 and 2001:2::/48.
 * - `reserved`: documentation, future-use, anycast-infrastructure and other special-purpose
 *   ranges, and IPv6 outside 2000::/3.
 *
 * Cloud metadata endpoints fall into these classes: 169.254.169.254 is `link-local`,
 * fd00:ec2::254 `private` (unique-local), Alibaba's 100.100.100.200 `carrier-grade-nat`, Oracle's
 * 192.0.0.192 `reserved`.
 */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'benchmarking'
  | 'reserved';

/** The 2000::/3 block: the only IPv6 space IANA hands out as global unicast. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
const BENCHMARKING_V4 = ipaddr.IPv4.parseCIDR('198.18.0.0/15');

/**
 * Classifies an IP address (IPv4 or IPv6, without brackets; an IPv6 zone such as `%eth0` is
 * allowed). IPv4 carried inside IPv6 is unwrapped and judged as IPv4: IPv4-mapped (::ffff:0:0/96),
 * IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and
 * Teredo (2001::/32, whose client address is stored inverted). IPv4-compatible addresses (::/96,
 * deprecated since 2006) are never public: they take the class of the embedded IPv4 when that is
 * not public, `reserved` otherwise.
 *
 * Limit: for 64:ff9b:1::/48 the IPv4 is read from the last 32 bits (a /96 translation prefix);
 * RFC 6052 also allows shorter local prefixes that place it elsewhere.
 *
 * @throws TypeError when `ip` is not an IP address.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = parseAddress(ip);
  return address instanceof ipaddr.IPv4 ? classifyV4(address) : classifyV6(address);
}

function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const text = dottedTailToHex(ip);
  if (!ipaddr.isValid(text)) throw new TypeError(`Not an IP address: "${ip}"`);
  return ipaddr.parse(text);
}

/**
 * Rewrites an IPv6 address whose last 32 bits are written as a dotted quad into hex groups.
 * ipaddr.js reads `::127.0.0.1` as the IPv4-mapped ::ffff:7f00:1, whereas it is the IPv4-compatible
 * ::7f00:1 (as WHATWG URL and the kernel read it); this keeps the two apart.
 */
function dottedTailToHex(ip: string): string {
  const match = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(%.*)?$/.exec(ip);
  if (!match) return ip;
  const octets = match.slice(2, 6).map(Number);
  if (octets.some((octet) => octet > 255)) return ip;
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  const high = ((a << 8) | b).toString(16);
  const low = ((c << 8) | d).toString(16);
  return `${match[1]}${high}:${low}${match[6] ?? ''}`;
}

function classifyV4(address: ipaddr.IPv4): AddressClass {
  if (address.match(BENCHMARKING_V4)) return 'benchmarking';
  switch (address.range()) {
    case 'unicast':
      return 'public';
    case 'unspecified':
      return 'unspecified';
    case 'loopback':
      return 'loopback';
    case 'private':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'carrierGradeNat':
      return 'carrier-grade-nat';
    case 'multicast':
      return 'multicast';
    case 'broadcast':
      return 'broadcast';
    case 'benchmarking':
      return 'benchmarking';
    default:
      return 'reserved';
  }
}

function classifyV6(address: ipaddr.IPv6): AddressClass {
  const parts = address.parts;
  const [p0, p1, p2, p3, p4, p5, p6 = 0, p7 = 0] = parts;
  // IPv4-compatible ::/96, minus :: and ::1 which ipaddr.js names itself.
  if (p0 === 0 && p1 === 0 && p2 === 0 && p3 === 0 && p4 === 0 && p5 === 0 && (p6 !== 0 || p7 > 1)) {
    const embedded = classifyV4(v4FromParts(p6, p7));
    return embedded === 'public' ? 'reserved' : embedded;
  }
  // A string: ipaddr.js 2.5 names ranges (deprecatedSiteLocal, discard, …) its typings do not list.
  const range: string = address.range();
  switch (range) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return classifyV4(v4FromParts(p6, p7));
    case '6to4':
      return classifyV4(v4FromParts(p1 ?? 0, p2 ?? 0));
    case 'teredo':
      return classifyV4(v4FromParts(p6 ^ 0xffff, p7 ^ 0xffff));
    case 'unicast':
      return address.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved';
    case 'unspecified':
      return 'unspecified';
    case 'loopback':
      return 'loopback';
    case 'uniqueLocal':
      return 'private';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
      return 'multicast';
    case 'deprecatedSiteLocal':
      return 'private';
    case 'benchmarking':
      return 'benchmarking';
    default:
      return 'reserved';
  }
}

/** Two 16-bit groups to an IPv4 address. */
function v4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
