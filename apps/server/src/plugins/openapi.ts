import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { FLEETWRIGHT_VERSION } from '@fleetwright/config';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';

const DOCS_PREFIX = '/api/docs';

/**
 * The OpenAPI document is generated from the routes' zod schemas (the contracts), so it cannot
 * drift from validation. Must be registered before the routes: it collects them as they are added.
 */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Fleetwright API',
          description: 'Run, script and watch fleets of real Chromium sessions ("sessions").',
          version: FLEETWRIGHT_VERSION,
        },
        tags: [
          { name: 'sessions', description: 'Browser sessions' },
          { name: 'workers', description: 'Browser workers' },
          { name: 'devices', description: 'Device presets' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
      transform: createJsonSchemaTransform({
        skipList: [`${DOCS_PREFIX}/`, `${DOCS_PREFIX}/json`, `${DOCS_PREFIX}/yaml`, `${DOCS_PREFIX}/*`],
      }),
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  },
  { name: 'openapi' },
);
