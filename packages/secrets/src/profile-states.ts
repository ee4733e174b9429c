import { columnContext } from './columns.ts';
import { decryptSecret, encryptSecret } from './encrypted-secret.ts';
import type { Keyring } from './keyring.ts';

/**
 * A profile's storage state at rest (issue 12): its JSON, AES-256-GCM under the platform keyring,
 * bound to its row (`profiles.state:<id>`). The server seals what the worker read; the worker that
 * starts a session from the profile opens it. Unlike the older columns, there is no plaintext to
 * accept: profiles were sealed from their first row, so anything else fails to open.
 */
export function sealProfileState(keyring: Keyring, id: string, stateJson: string): string {
  return encryptSecret(keyring, stateJson, profileStateContext(id));
}

export function openProfileState(keyring: Keyring, id: string, sealed: string): string {
  return decryptSecret(keyring, sealed, profileStateContext(id));
}

export function profileStateContext(id: string): string {
  return columnContext('profiles', 'state', id);
}
