import { workerListSchema } from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listWorkers } from './service.ts';

export const workerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      // Hosts and load of the whole platform: not for every tenant's members.
      config: { platformAdmin: true },
      schema: {
        tags: ['workers'],
        summary: 'Registered workers with their liveness',
        response: { 200: workerListSchema },
      },
    },
    async () => listWorkers(app.db),
  );
};
