import { z } from 'zod';
import { idSchema } from './common.ts';

/** pg-boss queue names. */
export const queues = {
  /** Start or restart a session on any worker with free capacity. */
  sessionStart: 'session-start',
} as const;

export const sessionStartJobSchema = z.object({
  sessionId: idSchema,
  organizationId: idSchema,
  /** 0 for a start asked by a user; n for the n-th automatic restart after a crash. */
  attempt: z.number().int().min(0),
  reason: z.enum(['start', 'restart', 'crash', 'failover']),
});
export type SessionStartJob = z.infer<typeof sessionStartJobSchema>;
