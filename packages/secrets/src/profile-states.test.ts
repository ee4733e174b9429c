import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretDecryptError } from './encrypted-secret.ts';
import { keyringFromSecret } from './keyring.ts';
import { openProfileState, sealProfileState } from './profile-states.ts';

const ring = keyringFromSecret('local', randomBytes(32).toString('base64url'));
const state = JSON.stringify({
  cookies: [{ name: 'token', value: 'cookie-value-91c2', domain: '127.0.0.1' }],
  origins: [],
});

describe('profile states at rest (issue 12)', () => {
  it('seals a state so that its values are not in the stored text, and opens it for the same profile', () => {
    const id = randomUUID();
    const sealed = sealProfileState(ring, id, state);
    expect(sealed).not.toContain('cookie-value-91c2');
    expect(openProfileState(ring, id, sealed)).toBe(state);
  });

  it('refuses a state copied to another profile, and plaintext where a sealed state belongs', () => {
    const sealed = sealProfileState(ring, randomUUID(), state);
    expect(() => openProfileState(ring, randomUUID(), sealed)).toThrow(SecretDecryptError);
    expect(() => openProfileState(ring, randomUUID(), state)).toThrow(SecretDecryptError);
  });
});
