import { z } from 'zod';
import { idSchema } from './common.ts';

/** pg-boss queue names. */
export const queues = {
  /** Start or restart an instance on any worker with free capacity. */
  instanceStart: 'instance-start',
} as const;

export const instanceStartJobSchema = z.object({
  instanceId: idSchema,
  organizationId: idSchema,
  /** 0 for a start asked by a user; n for the n-th automatic restart after a crash. */
  attempt: z.number().int().min(0),
  reason: z.enum(['start', 'restart', 'crash', 'failover']),
});
export type InstanceStartJob = z.infer<typeof instanceStartJobSchema>;
