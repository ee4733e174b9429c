import { z } from 'zod';

/** GET /healthz: the process is up and serving HTTP. */
export const livenessSchema = z.object({ status: z.literal('ok') });

/** GET /readyz: 200 when every check passes, 503 naming the one that failed. */
export const readinessSchema = z.object({
  ready: z.boolean(),
  checks: z.object({
    /** The database answers a query. */
    database: z.enum(['ok', 'failed']),
    /** At least one worker heartbeated recently; `unknown` when the database could not be asked. */
    workers: z.enum(['ok', 'none', 'unknown']),
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
