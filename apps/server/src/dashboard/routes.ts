import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { dashboardSecurityHeaders } from '../plugins/security-headers.ts';
import type { DashboardHandler } from './handler.ts';

/** Paths the dashboard never answers: the API (and its docs) keep their JSON 404s. */
function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/**
 * Every GET/HEAD that no other route claims goes to Next.js (Socket.IO never reaches Fastify: it
 * answers /socket.io on the HTTP server first). Without a dashboard, `/` says how to get one.
 */
export const dashboardRoutes: FastifyPluginAsyncZod<{ handler?: DashboardHandler }> = async (
  app,
  options,
) => {
  const handler = options.handler;
  if (!handler) {
    app.get(
      '/',
      {
        schema: {
          hide: true,
          response: {
            200: z.object({ name: z.string(), message: z.string(), api: z.string(), docs: z.string() }),
          },
        },
      },
      async () => ({
        name: 'Fleetwright',
        message:
          'The dashboard is not served by this process (SERVE_DASHBOARD=0, or apps/web has no production build: run `npm run build -w apps/web`).',
        api: '/api/v1',
        docs: '/api/docs',
      }),
    );
    return;
  }
  app.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      if (isApiPath(request.url))
        throw new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`);
      reply.hijack();
      dashboardSecurityHeaders(request.raw, reply.raw);
      try {
        await handler(request.raw, reply.raw);
      } catch (error) {
        request.log.error({ err: error }, 'dashboard request failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'text/plain' });
        reply.raw.end('Internal error');
      }
    },
  });
};
