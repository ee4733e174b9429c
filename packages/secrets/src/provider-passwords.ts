import { columnContext, openColumn, sealColumn } from './columns.ts';
import type { Keyring } from './keyring.ts';

/**
 * A provider entry's password at rest (issue 10): AES-256-GCM under the platform keyring, bound to
 * its row (`proxy_providers.password:<id>`) like the pool's passwords. Here, not in an app: the
 * server seals it and the worker opens it to build a provider session's proxy URL; the API
 * answers `hasPassword` instead.
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
