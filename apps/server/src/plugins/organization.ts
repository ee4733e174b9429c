import type { IncomingMessage } from 'node:http';
import { ensureDefaultOrganization } from '@fleetwright/db';
import fp from 'fastify-plugin';

/**
 * Decides which organization an HTTP request or a Socket.IO handshake acts for. It sees the raw
 * request (headers, cookies) so both transports share it. Until accounts land (issue 3) every
 * request acts for the default organization; auth replaces this resolver and nothing else.
 */
export type OrganizationResolver = (request: IncomingMessage) => string | Promise<string>;

declare module 'fastify' {
  interface FastifyInstance {
    resolveOrganizationId: OrganizationResolver;
  }
  interface FastifyRequest {
    /** The organization this request acts for; every query is scoped by it. */
    organizationId: string;
  }
}

export const organizationPlugin = fp<{ resolveOrganizationId?: OrganizationResolver }>(
  async (app, options) => {
    let resolve = options.resolveOrganizationId;
    if (!resolve) {
      // Once at boot: the default organization never changes while the process runs.
      const organization = await ensureDefaultOrganization(app.db);
      resolve = () => organization.id;
    }
    app.decorate('resolveOrganizationId', resolve);
    app.decorateRequest('organizationId', null as unknown as string);
    app.addHook('onRequest', async (request) => {
      request.organizationId = await resolve(request.raw);
    });
  },
  { name: 'organization', dependencies: ['db'] },
);
