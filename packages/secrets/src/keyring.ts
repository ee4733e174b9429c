import { createSecretKey, type KeyObject } from 'node:crypto';

/** AES-256 keys: 32 bytes. */
const KEY_BYTES = 32;

/**
 * Key ids end up in every stored value (`fw1:<key id>:…`), so they stay short and free of the
 * separators of both that format and ENCRYPTION_KEYS. Shorter than a base64 key (43 characters),
 * so that a key written where the id belongs is refused before an error message could show it.
 */
const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const KEY_ID_RULE = 'at most 32 letters, digits, "_", "-" and "."';

/** Standard base64 or base64url, padded or not. Node's decoder skips stray characters; this does not. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The keys secrets are encrypted with. The first key encrypts; every key decrypts, so a rotation
 * puts the new key first and keeps the old ones until every value has been re-encrypted.
 * Keys are `KeyObject`s, which print and serialise without their material.
 */
export interface Keyring {
  /** Id of the key new values are encrypted with. */
  readonly currentKeyId: string;
  /** Every key by id, in the order given; the current one first. */
  readonly keys: ReadonlyMap<string, KeyObject>;
}

/** A keyring that cannot be built. The message names where the key came from and its id, never its bytes. */
export class KeyringError extends Error {
  override name = 'KeyringError';
}

/**
 * Parses ENCRYPTION_KEYS: `id:base64key[,id:base64key…]`, each key 32 bytes in standard base64 or
 * base64url. Whitespace around entries is ignored. `source` names the variable in error messages.
 *
 * @throws KeyringError for an empty value, an entry without `:`, an empty, malformed or duplicate
 *   id, or a key that is not base64 or not 32 bytes.
 */
export function parseKeyring(value: string, source = 'ENCRYPTION_KEYS'): Keyring {
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) {
    throw new KeyringError(`${source} is empty; it must list at least one key as id:base64key`);
  }
  const keys = new Map<string, KeyObject>();
  entries.forEach((entry, index) => {
    if (entry === '') throw new KeyringError(`${source}: entry ${index + 1} is empty (a stray ",")`);
    const colon = entry.indexOf(':');
    if (colon === -1) {
      throw new KeyringError(
        `${source}: entry ${index + 1} has no ":"; each entry is id:base64key, entries separated by ","`,
      );
    }
    const id = entry.slice(0, colon).trim();
    if (id === '') throw new KeyringError(`${source}: entry ${index + 1} has an empty key id`);
    // Not echoed: a malformed id may be a key written in the wrong place.
    if (!KEY_ID.test(id)) {
      throw new KeyringError(`${source}: the key id of entry ${index + 1} is not ${KEY_ID_RULE}`);
    }
    if (keys.has(id)) throw new KeyringError(`${source}: key id "${id}" is listed twice`);
    keys.set(id, decodeKey(id, entry.slice(colon + 1).trim(), source));
  });
  return { currentKeyId: [...keys.keys()][0]!, keys };
}

/**
 * A one-key ring for the all-in-one mode, from the random 32-byte base64url secret the server
 * generates under the data directory (`readOrCreateSecret` in @fleetwright/config).
 *
 * @throws KeyringError when `id` is malformed or `secret` is not a 32-byte base64 key.
 */
export function keyringFromSecret(id: string, secret: string): Keyring {
  const source = 'encryption secret';
  if (!KEY_ID.test(id)) throw new KeyringError(`${source}: key id "${id}" is not ${KEY_ID_RULE}`);
  return { currentKeyId: id, keys: new Map([[id, decodeKey(id, secret.trim(), source)]]) };
}

function decodeKey(id: string, encoded: string, source: string): KeyObject {
  if (!BASE64.test(encoded)) {
    throw new KeyringError(`${source}: key "${id}" is not base64; it must be 32 bytes, base64-encoded`);
  }
  const bytes = Buffer.from(encoded, 'base64');
  try {
    if (bytes.length !== KEY_BYTES) {
      throw new KeyringError(
        `${source}: key "${id}" is ${bytes.length} bytes; it must be ${KEY_BYTES} bytes, base64-encoded`,
      );
    }
    return createSecretKey(bytes);
  } finally {
    // createSecretKey copied the bytes; do not leave a second copy on the heap.
    bytes.fill(0);
  }
}
