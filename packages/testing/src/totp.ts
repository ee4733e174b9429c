import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';

/**
 * The TOTP code an authenticator app would show right now (`Date.now()`, so fake timers move it).
 *
 * Accepts a base32 secret (case, spaces and `=` padding ignored) or an `otpauth://totp/...?secret=...` URI
 * such as better-auth's `totpURI`, whose `digits` and `period` are honoured (defaults 6 digits, 30 s).
 * The base32 text is decoded to the raw key bytes before it reaches `createOTP`, which would otherwise
 * use the string's own UTF-8 bytes as the key; for better-auth secrets the bytes are the UTF-8 of its
 * stored secret, so both agree.
 */
export async function totp(secretOrUri: string): Promise<string> {
  const { secret, digits, period } = parseSecret(secretOrUri);
  return createOTP(base32.decode(normalizeBase32(secret)), { digits, period }).totp();
}

function parseSecret(secretOrUri: string): { secret: string; digits?: number; period?: number } {
  if (!/^otpauth:/i.test(secretOrUri)) return { secret: secretOrUri };
  const uri = new URL(secretOrUri);
  if (uri.host.toLowerCase() !== 'totp') {
    throw new Error(`Expected an otpauth://totp/ URI, got otpauth://${uri.host}/`);
  }
  const secret = uri.searchParams.get('secret');
  if (!secret) throw new Error('The otpauth URI has no secret parameter');
  const algorithm = uri.searchParams.get('algorithm');
  // createOTP only does HMAC-SHA1, like better-auth and most authenticator apps.
  if (algorithm && algorithm.toUpperCase() !== 'SHA1') {
    throw new Error(`Unsupported TOTP algorithm ${algorithm}: only SHA1 is implemented`);
  }
  const digits = uri.searchParams.get('digits');
  const period = uri.searchParams.get('period');
  return {
    secret,
    ...(digits ? { digits: Number(digits) } : {}),
    ...(period ? { period: Number(period) } : {}),
  };
}

function normalizeBase32(secret: string): string {
  const normalized = secret.replace(/[\s=-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(normalized)) throw new Error('The TOTP secret is not base32');
  return normalized;
}
