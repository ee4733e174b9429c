import { createHmac, randomBytes } from 'node:crypto';
import { webhookHeaders } from '@fleetwright/contracts';

/** A new signing secret: `whsec_` and 32 random bytes, base64url. The whole string is the HMAC key. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`; `v1` leaves room for another scheme later. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of one signed request: the id receivers deduplicate on, the time signed (unix seconds), the signature. */
export function signedHeaders(options: {
  id: string;
  secret: string;
  body: string;
  now?: Date;
}): Record<string, string> {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    [webhookHeaders.id]: options.id,
    [webhookHeaders.timestamp]: String(timestamp),
    [webhookHeaders.signature]: signWebhook(options.secret, timestamp, options.body),
  };
}

/** The secret as the API shows it once stored: its prefix and last four characters. */
export function maskSecret(secret: string): string {
  return `${secret.startsWith('whsec_') ? 'whsec_' : ''}…${secret.slice(-4)}`;
}
