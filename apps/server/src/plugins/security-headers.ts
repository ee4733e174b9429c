import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';

/**
 * Baseline headers on every HTTP answer, API and dashboard alike. Set on the raw response so they
 * also cover hijacked (Next.js) responses. The dashboard's CSP is `dashboardSecurityHeaders`.
 */
export const securityHeadersPlugin = fp<{ hsts: boolean }>(
  async (app, options) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      reply.raw.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
      reply.raw.setHeader('cross-origin-opener-policy', 'same-origin');
      if (options.hsts)
        reply.raw.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    });
  },
  { name: 'security-headers' },
);

/**
 * The dashboard's Content-Security-Policy, with a fresh nonce per page. Next.js reads the nonce
 * from the request's own `content-security-policy` header and puts it on the inline scripts it
 * renders, which is why the policy is written into the request too. Styles stay 'unsafe-inline':
 * Next and Monaco inject style elements and attributes. Monaco's web workers start from blob:.
 */
export function dashboardSecurityHeaders(
  request: { headers: Record<string, unknown> },
  response: ServerResponse,
): void {
  const nonce = randomBytes(16).toString('base64');
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
  request.headers['content-security-policy'] = policy;
  response.setHeader('content-security-policy', policy);
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}
