import { columnContext, openColumn, sealColumn } from './columns.ts';
import type { Keyring } from './keyring.ts';

/**
 * A pool proxy's password at rest (issue 10): AES-256-GCM under the platform keyring, bound to its
 * row (`proxies.password:<id>`), so a value copied to another row does not decrypt. Here, not in an
 * app: the server seals it, the worker opens it for a check or a session's proxy; the API answers
 * `hasPassword` instead.
 */
export function sealProxyPassword(keyring: Keyring, id: string, password: string | null): string | null {
  return sealColumn(keyring, password, proxyPasswordContext(id));
}

export function openProxyPassword(keyring: Keyring, id: string, sealed: string | null): string | null {
  return openColumn(keyring, sealed, proxyPasswordContext(id));
}

export function proxyPasswordContext(id: string): string {
  return columnContext('proxies', 'password', id);
}
