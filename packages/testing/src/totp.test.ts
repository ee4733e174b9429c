import { base32 } from '@better-auth/utils/base32';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { totp } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const rfcSecret = base32.encode('12345678901234567890', { padding: false });

afterEach(() => {
  vi.useRealTimers();
});

describe('totp', () => {
  it('matches the RFC 6238 test vector', async () => {
    vi.useFakeTimers({ now: 59_000, toFake: ['Date'] });
    expect(await totp(`otpauth://totp/Test:ada?secret=${rfcSecret}&digits=8`)).toBe('94287082');
    expect(await totp(rfcSecret)).toBe('287082');
  });

  it('gives the same six digits throughout a 30 s step and another code in the next step', async () => {
    vi.useFakeTimers({ now: 1_700_000_010_000, toFake: ['Date'] });
    const code = await totp(rfcSecret);
    expect(code).toMatch(/^\d{6}$/);
    vi.setSystemTime(1_700_000_039_999);
    expect(await totp(rfcSecret)).toBe(code);
    vi.setSystemTime(1_700_000_040_000);
    expect(await totp(rfcSecret)).not.toBe(code);
  });

  it('reads the secret of a better-auth otpauth URI the same as the bare secret, in any case', async () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const uri = `otpauth://totp/Fleetwright:ada%40example.test?secret=${rfcSecret}&issuer=Fleetwright&digits=6&period=30`;
    expect(await totp(uri)).toBe(await totp(rfcSecret.toLowerCase()));
  });

  it('refuses a secret that is not base32', async () => {
    await expect(totp('not base32!')).rejects.toThrow('not base32');
  });
});
