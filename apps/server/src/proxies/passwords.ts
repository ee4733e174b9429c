import { columnContext, type Keyring, sealColumn } from '@fleetwright/secrets';

/**
 * A proxy password at rest: AES-256-GCM under the platform keyring, bound to its row
 * (`proxies.password:<id>`), so a value copied to another row does not decrypt. Only the code that
 * hands a proxy to a worker opens it; the API answers `hasPassword` instead.
 */
export function sealProxyPassword(keyring: Keyring, id: string, password: string | null): string | null {
  return sealColumn(keyring, password, proxyPasswordContext(id));
}

export function proxyPasswordContext(id: string): string {
  return columnContext('proxies', 'password', id);
}
