import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';

export const workerStatusSchema = z.enum(['ONLINE', 'OFFLINE']);

/** Seconds between heartbeats, and the age after which a worker counts as gone. */
export const WORKER_HEARTBEAT_SECONDS = 10;
export const WORKER_DEAD_AFTER_SECONDS = 30;

export const workerSchema = z.object({
  id: idSchema,
  host: z.string(),
  version: z.string(),
  /** How many sessions the worker runs at most. */
  capacity: z.number().int(),
  activeSessions: z.number().int(),
  /** ONLINE while the heartbeat is fresher than WORKER_DEAD_AFTER_SECONDS. */
  status: workerStatusSchema,
  startedAt: isoDateSchema,
  heartbeatAt: isoDateSchema,
});
export type Worker = z.infer<typeof workerSchema>;

export const workerListSchema = z.object({ items: z.array(workerSchema) });
