import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decryptSecret,
  encryptSecret,
  isEncryptedSecret,
  needsReencryption,
  SecretDecryptError,
} from './encrypted-secret.ts';
import { parseKeyring } from './keyring.ts';

const key1 = randomBytes(32).toString('base64');
const key2 = randomBytes(32).toString('base64');
const ring1 = parseKeyring(`k1:${key1}`);
const context = 'sessions.proxy_url:42';

describe('encryptSecret and decryptSecret', () => {
  it('round-trips a secret', () => {
    const stored = encryptSecret(ring1, 'http://user:hunter2@proxy:8080', context);
    expect(decryptSecret(ring1, stored, context)).toBe('http://user:hunter2@proxy:8080');
  });

  it('round-trips unicode and the empty string', () => {
    for (const plaintext of ['pässwörd 🔑 密码', '']) {
      expect(decryptSecret(ring1, encryptSecret(ring1, plaintext, context), context)).toBe(plaintext);
    }
  });

  it('stores fw1, the key id and the data, never the plaintext', () => {
    const stored = encryptSecret(ring1, 'hunter2-hunter2', context);
    expect(stored).toMatch(/^fw1:k1:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('hunter2');
    expect(stored).not.toContain(Buffer.from('hunter2-hunter2').toString('base64url'));
  });

  it('gives two different values for the same plaintext', () => {
    expect(encryptSecret(ring1, 'same', context)).not.toBe(encryptSecret(ring1, 'same', context));
  });

  it('refuses a value copied to another row', () => {
    const stored = encryptSecret(ring1, 'secret', context);
    expect(() => decryptSecret(ring1, stored, 'sessions.proxy_url:43')).toThrow(
      expect.objectContaining({
        name: 'SecretDecryptError',
        reason: 'authentication',
        message: expect.stringContaining('another context'),
      }),
    );
  });

  it('refuses a value with one byte flipped', () => {
    const stored = encryptSecret(ring1, 'secret', context);
    const [version, keyId, payload] = stored.split(':') as [string, string, string];
    const data = Buffer.from(payload, 'base64url');
    for (const index of [0, 12, data.length - 1]) {
      const tampered = Buffer.from(data);
      tampered[index]! ^= 0x01;
      const altered = `${version}:${keyId}:${tampered.toString('base64url')}`;
      expect(() => decryptSecret(ring1, altered, context)).toThrow(SecretDecryptError);
    }
  });

  it('refuses a value encrypted under the same id with other key material', () => {
    const stored = encryptSecret(ring1, 'secret', context);
    const other = parseKeyring(`k1:${key2}`);
    expect(() => decryptSecret(other, stored, context)).toThrow(
      expect.objectContaining({ reason: 'authentication', keyId: 'k1' }),
    );
  });

  it('names an unknown key id and says ENCRYPTION_KEYS must still list it', () => {
    const stored = encryptSecret(ring1, 'secret', context);
    const ring2 = parseKeyring(`k2:${key2}`);
    expect(() => decryptSecret(ring2, stored, context)).toThrow(
      new SecretDecryptError(
        'unknown-key',
        'Cannot decrypt: the value was encrypted with key "k1", which is not in the keyring (k2); ENCRYPTION_KEYS must still list it',
        'k1',
      ),
    );
  });

  it('refuses plaintext and values of an unknown format version without echoing them', () => {
    for (const stored of ['hunter2', 'fw1:k1:short', `fw9:k1:${'A'.repeat(40)}`]) {
      let error: unknown;
      try {
        decryptSecret(ring1, stored, context);
      } catch (caught) {
        error = caught;
      }
      expect(error).toMatchObject({ name: 'SecretDecryptError', reason: 'format' });
      expect((error as Error).message).not.toContain(stored);
    }
  });

  it('refuses an empty context', () => {
    expect(() => encryptSecret(ring1, 'secret', '')).toThrow(TypeError);
  });
});

describe('key rotation', () => {
  const rotated = parseKeyring(`k2:${key2},k1:${key1}`);
  const old = encryptSecret(ring1, 'rotate me', context);

  it('decrypts a value written with an old key', () => {
    expect(decryptSecret(rotated, old, context)).toBe('rotate me');
  });

  it('encrypts new values with the first key', () => {
    expect(encryptSecret(rotated, 'new', context)).toMatch(/^fw1:k2:/);
  });

  it('marks values of an old key, and plaintext, for re-encryption', () => {
    expect(needsReencryption(rotated, old)).toBe(true);
    expect(needsReencryption(rotated, encryptSecret(rotated, 'new', context))).toBe(false);
    expect(needsReencryption(rotated, 'plaintext')).toBe(true);
  });
});

describe('isEncryptedSecret', () => {
  it('tells stored secrets from plaintext', () => {
    expect(isEncryptedSecret(encryptSecret(ring1, 'x', context))).toBe(true);
    expect(isEncryptedSecret('http://user:pass@proxy:8080')).toBe(false);
    expect(isEncryptedSecret('fw1:k1:')).toBe(false);
  });
});
