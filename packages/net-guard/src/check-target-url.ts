import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { type AddressClass, classifyAddress } from './classify-address.ts';
import { TargetRefusedError } from './errors.ts';
import type { PrivateTargets } from './private-targets.ts';

/** Resolves a host name to every address it has; rejects when it has none. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface CheckTargetOptions {
  /**
   * Allow loopback, private, link-local and every other non-public target, with no checks and no
   * DNS lookup (a trusted setup that drives intranet pages). No default on purpose: the caller
   * passes what the configuration says.
   */
  allowPrivate: boolean;
  /**
   * Resolves host names; tests inject one to avoid the network.
   * @default every address `dns.lookup` returns (getaddrinfo, so /etc/hosts counts, as for Chromium)
   */
  resolve?: ResolveHost;
  /**
   * Classifies an address; tests inject one to treat a loopback address as public, since nothing
   * public is reachable from them. @default classifyAddress
   */
  classify?: (address: string) => AddressClass;
  /**
   * Non-public hosts and ranges that pass all the same (one organization's list, see
   * compilePrivateTargets). @default none
   */
  privateTargets?: PrivateTargets | null;
}

/** How checkHost resolves, classifies and lets listed private targets through. */
export interface HostGuard {
  resolve: ResolveHost;
  classify?: ((address: string) => AddressClass) | undefined;
  privateTargets?: PrivateTargets | null | undefined;
}

/** The default resolver: every address getaddrinfo returns, in its order. */
export async function resolveAllAddresses(hostname: string): Promise<string[]> {
  const results = await lookup(hostname, { all: true, order: 'verbatim' });
  return results.map((result) => result.address);
}

/**
 * Names refused without asking DNS: Chromium answers `localhost` and `*.localhost` with loopback
 * itself, and the metadata names only resolve inside a cloud, to its metadata service.
 */
function describeRefusedName(name: string): string | undefined {
  if (name === 'localhost' || name.endsWith('.localhost')) return 'a loopback host';
  if (name === 'metadata' || name === 'metadata.google.internal') return 'a cloud metadata host';
  return undefined;
}

const CLASS_DESCRIPTIONS: Record<Exclude<AddressClass, 'public'>, string> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  'carrier-grade-nat': 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  benchmarking: 'a benchmarking address',
  reserved: 'a reserved address',
};

const NOT_ALLOWED = 'private targets are not allowed';

/**
 * Refuses `host` unless it is a public IP literal or a name whose every address is public, and
 * returns those addresses. A name or address in `guard.privateTargets` passes (a listed name with
 * whatever it resolves to). `target` starts the error message (the URL, or the host itself).
 * `host` is lower-case with IPv6 brackets stripped, as WHATWG URL and undici hand it over.
 */
export async function checkHost(host: string, target: string, guard: HostGuard): Promise<string[]> {
  checkHostWithoutDns(host, target, guard);
  if (isIP(host) !== 0) return [host];
  // A trailing dot makes a name absolute without changing what it names (`localhost.`).
  const listed = guard.privateTargets?.allowsName(host.replace(/\.+$/, '')) ?? false;
  let addresses: string[];
  try {
    addresses = await guard.resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    throw unresolvable(host, target, code, error);
  }
  if (addresses.length === 0) throw unresolvable(host, target, undefined, undefined);
  if (listed) return addresses;
  // Every address, not just the first: which one Chromium connects to is not ours to choose.
  for (const address of addresses) refuseNonPublic(host, target, address, 'resolves to', guard);
  return addresses;
}

/**
 * What checkHost refuses without asking DNS: a non-public IP literal, and the names refused by name
 * (`localhost`, `*.localhost`, the cloud metadata names), unless `guard.privateTargets` lists them.
 * Any other name passes unchecked. For checking many hosts at once (an import's lines), where a
 * lookup each would cost more than the whole import; whatever connects to such a host later must
 * check it again with DNS (the egress guard does, on every connection). `host` is lower-case with
 * IPv6 brackets stripped, as WHATWG URL hands it over: canonicalHost gives that form.
 *
 * @throws TargetRefusedError with code `TARGET_NOT_ALLOWED`.
 */
export function checkHostWithoutDns(
  host: string,
  target: string,
  guard: Pick<HostGuard, 'classify' | 'privateTargets'> = {},
): void {
  if (isIP(host) !== 0) {
    refuseNonPublic(host, target, host, 'points to', guard);
    return;
  }
  // A trailing dot makes a name absolute without changing what it names (`localhost.`).
  const name = host.replace(/\.+$/, '');
  const listed = guard.privateTargets?.allowsName(name) ?? false;
  const description = listed ? undefined : describeRefusedName(name);
  if (description) {
    const message = `${target} points to ${description} (${host}); ${NOT_ALLOWED}`;
    throw new TargetRefusedError('TARGET_NOT_ALLOWED', message, { host });
  }
}

/**
 * A host as Chromium and undici would read it from a URL: lower-case, IPv6 without brackets, and
 * the IPv4 spellings WHATWG URL accepts (`0x7f.1`, `2130706433`) as dotted decimal. A host that is
 * no URL host comes back lower-cased.
 */
export function canonicalHost(host: string): string {
  // Dotted decimal is already canonical, and most of an import's hosts: no URL parse for those.
  if (isIP(host) === 4) return host;
  const bracketed = isIP(host) === 6 ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}/`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return host.toLowerCase();
  }
}

/**
 * Throws unless `address` is public or in `guard.privateTargets`; `verb` joins `target` and the
 * address in the message.
 */
export function refuseNonPublic(
  host: string,
  target: string,
  address: string,
  verb: string,
  guard: Pick<HostGuard, 'classify' | 'privateTargets'> = {},
): void {
  const addressClass = (guard.classify ?? classifyAddress)(address);
  if (addressClass === 'public' || guard.privateTargets?.allowsAddress(address)) return;
  throw new TargetRefusedError(
    'TARGET_NOT_ALLOWED',
    `${target} ${verb} ${CLASS_DESCRIPTIONS[addressClass]} (${address}); ${NOT_ALLOWED}`,
    { host, address, addressClass },
  );
}

function unresolvable(host: string, target: string, code: string | undefined, cause: unknown) {
  const reason = code ? ` (${code})` : '';
  return new TargetRefusedError(
    'TARGET_UNRESOLVABLE',
    `${target}: the host ${host} does not resolve${reason}, so it cannot be checked and is not allowed`,
    { host },
    { cause },
  );
}

/**
 * Refuses a session start or navigate URL that points to a loopback, private, link-local, cloud
 * metadata or otherwise non-public address, directly or through DNS.
 *
 * Only `http:` and `https:` URLs are checked; other schemes resolve without a check (the API
 * contracts decide which schemes are accepted). Limits: this checks the URL once, before Chromium
 * loads it. It does not see redirects or subresources, and Chromium resolves the name again
 * (a DNS-rebinding window); for HTTP clients we control, use `createGuardedConnect`.
 *
 * @throws TargetRefusedError with code `TARGET_NOT_ALLOWED` or `TARGET_UNRESOLVABLE`.
 */
export async function checkTargetUrl(url: string, options: CheckTargetOptions): Promise<void> {
  if (options.allowPrivate) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    // Not echoed: the text may carry credentials.
    throw new TargetRefusedError(
      'TARGET_NOT_ALLOWED',
      'The target is not a valid URL',
      { host: '' },
      { cause: error },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  // The origin, not the whole URL: user info, path and query stay out of messages and logs.
  const target = `${parsed.origin}/`;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  await checkHost(host, target, guardOf(options));
}

/**
 * Refuses a proxy (`scheme://[user:pass@]host:port`) whose host is loopback, private, link-local or
 * otherwise non-public, directly or through DNS, unless private targets are allowed or the host
 * is in `options.privateTargets`: a proxy on such an address would carry a session's traffic into
 * the platform's own network. Messages name `proxy host:port`, never the credentials.
 *
 * @throws TargetRefusedError with code `TARGET_NOT_ALLOWED` or `TARGET_UNRESOLVABLE`; TypeError
 * when `proxyUrl` is not a URL with a host (the contracts refuse those first).
 */
export async function checkProxyUrl(proxyUrl: string, options: CheckTargetOptions): Promise<void> {
  if (options.allowPrivate) return;
  const url = new URL(proxyUrl);
  if (url.hostname === '') throw new TypeError('The proxy URL has no host');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  await checkHost(host, `proxy ${url.host}`, guardOf(options));
}

function guardOf(options: CheckTargetOptions): HostGuard {
  return {
    resolve: options.resolve ?? resolveAllAddresses,
    classify: options.classify,
    privateTargets: options.privateTargets,
  };
}
