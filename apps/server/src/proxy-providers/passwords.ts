import { columnContext, type Keyring, openColumn, sealColumn } from '@fleetwright/secrets';

/**
 * A provider entry's password at rest: AES-256-GCM under the platform keyring, bound to its row
 * (`proxy_providers.password:<id>`) like the pool's passwords (proxies/passwords.ts). Only
 * providerSessionProxyUrl opens it; the API answers `hasPassword` instead.
 */
export function sealProviderPassword(keyring: Keyring, id: string, password: string): string {
  // Not null in, not null out.
  return sealColumn(keyring, password, providerPasswordContext(id)) as string;
}

export function openProviderPassword(keyring: Keyring, id: string, sealed: string): string {
  return openColumn(keyring, sealed, providerPasswordContext(id)) as string;
}

export function providerPasswordContext(id: string): string {
  return columnContext('proxy_providers', 'password', id);
}
