import fp from 'fastify-plugin';

/**
 * Baseline headers on every HTTP answer, API and dashboard alike. Set on the raw response so they
 * also cover hijacked (Next.js) responses. CSP with frame-ancestors for the dashboard and
 * auth/CSRF come with issue 3.
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      reply.raw.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    });
  },
  { name: 'security-headers' },
);
