import { readCheckEcho } from '@fleetwright/net-guard';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const checkEchoSchema = z.object({
  /** The TCP peer: a proxy's exit address, when a proxy check sent the request. */
  origin: z.string(),
  /** The request's headers by lower-case name; repeated ones joined with ", ". */
  headers: z.record(z.string(), z.string()),
});

/**
 * GET /api/v1/proxies/check-echo, without authentication: the echo a proxy check requests through
 * each proxy (PROXY_CHECK_URL), so self-hosters can keep checks inside their own network. It is
 * harmless to serve openly: it only tells a caller what the caller sent (its own address and
 * headers), reads nothing else, writes nothing and costs no more than the health route. Proxies
 * reach it directly, not through a reverse proxy (which would be the address it reports).
 */
export const proxyCheckEchoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/check-echo',
    {
      schema: {
        tags: ['proxies'],
        summary: "Echo of the caller's address and headers, for PROXY_CHECK_URL (no authentication)",
        operationId: 'getProxyCheckEcho',
        response: { 200: checkEchoSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return readCheckEcho(request.raw);
    },
  );
};
