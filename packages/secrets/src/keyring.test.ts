import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KeyringError, keyringFromSecret, parseKeyring } from './keyring.ts';

const key1 = randomBytes(32).toString('base64');
const key2 = randomBytes(32).toString('base64url');

describe('parseKeyring', () => {
  it('encrypts with the first key and keeps every key for decryption', () => {
    const ring = parseKeyring(`k2:${key2}, k1:${key1}`);
    expect(ring.currentKeyId).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('accepts standard base64 with padding and base64url without', () => {
    const bytes = Buffer.from('fb'.repeat(32), 'hex');
    const ring = parseKeyring(`std:${bytes.toString('base64')},url:${bytes.toString('base64url')}`);
    expect(ring.keys.get('std')!.export()).toEqual(bytes);
    expect(ring.keys.get('url')!.export()).toEqual(bytes);
  });

  it('refuses a key of the wrong length, naming the variable and the id but not the key', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseKeyring(`k1:${key1},k2:${short}`)).toThrow(
      new KeyringError('ENCRYPTION_KEYS: key "k2" is 16 bytes; it must be 32 bytes, base64-encoded'),
    );
  });

  it('refuses a key that is not base64 without echoing it', () => {
    const error = catchError(() => parseKeyring('k1:not base64 at all!'));
    expect(error).toBeInstanceOf(KeyringError);
    expect(error.message).toContain('key "k1" is not base64');
    expect(error.message).not.toContain('not base64 at all!');
  });

  it('refuses a key id listed twice', () => {
    expect(() => parseKeyring(`k1:${key1},k1:${key2}`)).toThrow(
      'ENCRYPTION_KEYS: key id "k1" is listed twice',
    );
  });

  it('refuses an empty key id', () => {
    expect(() => parseKeyring(`:${key1}`)).toThrow('ENCRYPTION_KEYS: entry 1 has an empty key id');
  });

  it.each(['', '   ', ','])('refuses the empty value %j', (value) => {
    expect(() => parseKeyring(value)).toThrow(KeyringError);
  });

  it('refuses an entry without a colon without echoing it', () => {
    const error = catchError(() => parseKeyring(`k1:${key1},${key2}`));
    expect(error.message).toBe(
      'ENCRYPTION_KEYS: entry 2 has no ":"; each entry is id:base64key, entries separated by ","',
    );
  });

  it('refuses a key id with characters that would break the stored format', () => {
    expect(() => parseKeyring(`k 1:${key1}`)).toThrow(
      'ENCRYPTION_KEYS: the key id of entry 1 is not at most 32',
    );
  });

  it('does not echo a key written where the id belongs', () => {
    const url = randomBytes(32).toString('base64url');
    const error = catchError(() => parseKeyring(`${url}:k1`));
    expect(error).toBeInstanceOf(KeyringError);
    expect(error.message).not.toContain(url);
  });

  it('names another variable when told where the value came from', () => {
    expect(() => parseKeyring('k1:AAAA', 'OLD_KEYS')).toThrow('OLD_KEYS: key "k1" is 3 bytes');
  });

  it('never shows key material when the keyring is printed or serialised', () => {
    const bytes = randomBytes(32);
    const ring = parseKeyring(`k1:${bytes.toString('base64')}`);
    const printed = `${inspect(ring, { depth: 10 })}${JSON.stringify(ring)}`;
    expect(printed).not.toContain(bytes.toString('base64'));
    expect(printed).not.toContain(bytes.toString('hex'));
    expect(printed).not.toMatch(new RegExp(bytes.subarray(0, 4).toString('hex').match(/../g)!.join(' ')));
  });
});

describe('keyringFromSecret', () => {
  it('accepts the 32-byte base64url secret the server generates, with its trailing newline', () => {
    const secret = randomBytes(32).toString('base64url');
    const ring = keyringFromSecret('local', `${secret}\n`);
    expect(ring.currentKeyId).toBe('local');
    expect(ring.keys.get('local')!.export().toString('base64url')).toBe(secret);
  });

  it('refuses a secret that is not a 32-byte key', () => {
    expect(() => keyringFromSecret('local', 'short')).toThrow(KeyringError);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
