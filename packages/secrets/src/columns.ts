import { readOrCreateSecret } from '@fleetwright/config';
import { decryptSecret, encryptSecret, isEncryptedSecret } from './encrypted-secret.ts';
import { type Keyring, keyringFromSecret, parseKeyring } from './keyring.ts';

/**
 * The platform's key ring: ENCRYPTION_KEYS when set (every server and worker of a deployment needs
 * the same value), else one key generated once under DATA_DIR (the all-in-one mode, where server
 * and worker share the directory).
 */
export function loadKeyring(config: { ENCRYPTION_KEYS?: string | undefined; DATA_DIR: string }): Keyring {
  if (config.ENCRYPTION_KEYS) return parseKeyring(config.ENCRYPTION_KEYS);
  return keyringFromSecret('local', readOrCreateSecret(config.DATA_DIR, 'encryption-key'));
}

/** Binds a stored secret to its column and row: a value copied elsewhere does not decrypt. */
export function columnContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}

/** Encrypts a column value (null stays null). */
export function sealColumn(ring: Keyring, value: string | null, context: string): string | null {
  return value === null ? null : encryptSecret(ring, value, context);
}

/**
 * Decrypts a column value (null stays null). A value written before encryption existed is
 * returned as it is; the server re-encrypts such rows at start (see sealLegacy… in the server).
 */
export function openColumn(ring: Keyring, value: string | null, context: string): string | null {
  if (value === null) return null;
  return isEncryptedSecret(value) ? decryptSecret(ring, value, context) : value;
}
