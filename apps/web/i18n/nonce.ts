import { headers } from 'next/headers';

/**
 * This request's CSP nonce. The server writes the dashboard's policy into the request too
 * (apps/server/src/plugins/security-headers.ts), which is where Next.js itself reads it; inline
 * scripts of our own (next-themes' no-flash script) need the same one.
 */
export async function cspNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy');
  return policy ? /'nonce-([^']+)'/.exec(policy)?.[1] : undefined;
}
