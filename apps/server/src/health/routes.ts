import {
  livenessSchema,
  type Readiness,
  readinessSchema,
  WORKER_DEAD_AFTER_SECONDS,
} from '@fleetwright/contracts';
import { hasLiveWorker, pingDatabase } from '@fleetwright/db';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** A readiness probe must answer even when Postgres hangs. */
const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getLiveness',
        summary: 'Liveness',
        response: { 200: livenessSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers and at least one worker is alive',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (request, reply) => {
      const checks: Readiness['checks'] = { database: 'failed', workers: 'unknown' };
      try {
        await withTimeout(pingDatabase(app.db), CHECK_TIMEOUT_MS);
        checks.database = 'ok';
        const live = await withTimeout(hasLiveWorker(app.db, WORKER_DEAD_AFTER_SECONDS), CHECK_TIMEOUT_MS);
        checks.workers = live ? 'ok' : 'none';
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
      }
      const ready = checks.database === 'ok' && checks.workers === 'ok';
      return reply.status(ready ? 200 : 503).send({ ready, checks });
    },
  );
};
