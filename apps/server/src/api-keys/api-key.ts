import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@fleetwright/contracts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 32 base62 characters: ~190 bits. */
const SECRET_LENGTH = 32;
/** Characters after the prefix kept for display. */
const SHOWN_LENGTH = 4;

/** A fresh key, the part shown in lists, and the hash that is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  // Rejection sampling: 248 is the largest multiple of 62 below 256, so every character is uniform.
  let secret = '';
  while (secret.length < SECRET_LENGTH) {
    for (const byte of randomBytes(SECRET_LENGTH)) {
      if (byte < 248 && secret.length < SECRET_LENGTH) secret += ALPHABET[byte % 62];
    }
  }
  const key = `${API_KEY_PREFIX}${secret}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + SHOWN_LENGTH), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length === API_KEY_PREFIX.length + SECRET_LENGTH;
}
