import type { FastifyPluginAsync } from 'fastify';
import { CLIENT_IP_HEADER } from './auth.ts';

/**
 * better-auth's endpoints under /api/auth/* (sign-up, sign-in, verification, reset, OAuth
 * callbacks, two-factor, organizations), bridged from Fastify to its fetch handler. The body is
 * passed as raw bytes: better-auth parses JSON and form posts (OAuth form_post callbacks) itself.
 */
export const authRoutes: FastifyPluginAsync = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const base = app.auth.options.baseURL as string;
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || name === CLIENT_IP_HEADER) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
      }
      // The address Fastify trusts (trustProxy decides), never one a client made up.
      headers.set(CLIENT_IP_HEADER, request.ip);
      const response = await app.auth.handler(
        new Request(new URL(request.url, base), {
          method: request.method,
          headers,
          body:
            request.method === 'GET' || !request.body ? undefined : new Uint8Array(request.body as Buffer),
        }),
      );
      reply.status(response.status);
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') reply.header(name, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });
};
