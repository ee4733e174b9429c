import { deviceListSchema } from '@fleetwright/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listDevices } from './service.ts';

export const deviceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['devices'],
        summary: "Playwright's device presets, usable as a session's `device`",
        response: { 200: deviceListSchema },
      },
    },
    async () => listDevices(),
  );
};
