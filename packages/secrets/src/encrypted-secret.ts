import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.ts';

/** Format version written by this code; bump it (and keep reading the old one) to change the format. */
const VERSION = 'fw1';
/**
 * 96-bit IVs, the size GCM is built for, random per value. NIST SP 800-38D allows 2^32 encryptions
 * per key with random IVs, far more than one installation stores; rotate keys long before that.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * `<version>:<key id>:<base64url(iv | tag | ciphertext)>`. Any `fwN` version is recognised, so an
 * older Fleetwright refuses a newer value instead of treating it as plaintext. The payload holds at
 * least an IV and a tag: 28 bytes, 38 base64url characters.
 */
const STORED = /^(fw[1-9][0-9]*):([A-Za-z0-9_.-]{1,32}):([A-Za-z0-9_-]{38,})$/;

/**
 * - `format`: not an encrypted secret, or a format version this code cannot read.
 * - `unknown-key`: encrypted with a key id the keyring does not have.
 * - `authentication`: GCM refused it: another context, other key material under the same id, or altered data.
 */
export type SecretDecryptReason = 'format' | 'unknown-key' | 'authentication';

/** A stored secret that cannot be decrypted. Messages never contain the stored value or key material. */
export class SecretDecryptError extends Error {
  override name = 'SecretDecryptError';
  readonly reason: SecretDecryptReason;
  /** Key id named by the stored value, when it could be read. */
  readonly keyId: string | undefined;

  constructor(
    reason: SecretDecryptReason,
    message: string,
    keyId?: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.reason = reason;
    this.keyId = keyId;
  }
}

/**
 * Encrypts `plaintext` with the keyring's current key (AES-256-GCM) into a string safe to store
 * in a text column. `context` names where the value lives, e.g. `sessions.proxy_url:<row id>`;
 * it is authenticated (GCM additional data), so a value copied to another row or column does not
 * decrypt there. Two encryptions of the same plaintext differ (random IV).
 *
 * @throws TypeError when `context` is empty, which would bind the value to nothing.
 */
export function encryptSecret(ring: Keyring, plaintext: string, context: string): string {
  assertContext(context);
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new TypeError(`Keyring has no key "${ring.currentKeyId}" although it is the current one`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
  return `${VERSION}:${ring.currentKeyId}:${payload}`;
}

/**
 * Decrypts a value written by `encryptSecret` with any key of the ring, for the same `context`.
 *
 * @throws SecretDecryptError (see `SecretDecryptReason`).
 * @throws TypeError when `context` is empty.
 */
export function decryptSecret(ring: Keyring, stored: string, context: string): string {
  assertContext(context);
  const parsed = parseStored(stored);
  if (!parsed) {
    throw new SecretDecryptError(
      'format',
      `Cannot decrypt: the stored value is not an encrypted secret (expected ${VERSION}:<key id>:<data>)`,
    );
  }
  const { version, keyId, payload } = parsed;
  if (version !== VERSION) {
    throw new SecretDecryptError(
      'format',
      `Cannot decrypt: the value uses format ${version}, which this version of Fleetwright cannot read`,
      keyId,
    );
  }
  const key = ring.keys.get(keyId);
  if (!key) {
    const known = [...ring.keys.keys()].join(', ');
    throw new SecretDecryptError(
      'unknown-key',
      `Cannot decrypt: the value was encrypted with key "${keyId}", which is not in the keyring (${known}); ENCRYPTION_KEYS must still list it`,
      keyId,
    );
  }
  const data = Buffer.from(payload, 'base64url');
  const iv = data.subarray(0, IV_BYTES);
  const tag = data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  try {
    // update() hands out bytes before final() has checked the tag: nothing leaves before that.
    const plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return plaintext.toString('utf8');
  } catch (error) {
    throw new SecretDecryptError(
      'authentication',
      `Cannot decrypt the value for "${context}" with key "${keyId}": it belongs to another context (copied from another row or column?), the key's material changed, or the value was altered`,
      keyId,
      { cause: error },
    );
  }
}

/** Whether `value` looks like a stored encrypted secret (any `fwN` version), as opposed to plaintext. */
export function isEncryptedSecret(value: string): boolean {
  return parseStored(value) !== undefined;
}

/**
 * Whether `stored` should be rewritten with the current key: true when it was encrypted with
 * another key or an older format, and also when it is not encrypted at all. It does not decrypt,
 * so it cannot tell whether the value would decrypt.
 */
export function needsReencryption(ring: Keyring, stored: string): boolean {
  const parsed = parseStored(stored);
  return !parsed || parsed.version !== VERSION || parsed.keyId !== ring.currentKeyId;
}

function parseStored(stored: string): { version: string; keyId: string; payload: string } | undefined {
  const match = STORED.exec(stored);
  if (!match) return undefined;
  return { version: match[1]!, keyId: match[2]!, payload: match[3]! };
}

function assertContext(context: string): void {
  if (context === '')
    throw new TypeError('A secret needs a context (where it is stored), e.g. "table.column:<row id>"');
}
