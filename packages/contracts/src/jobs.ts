import { z } from 'zod';
import { idSchema } from './common.ts';

/** pg-boss queue names. */
export const queues = {
  /** Start or restart a session on any worker with free capacity. */
  sessionStart: 'session-start',
  /** Check the proxies chosen by one validation run (POST /proxies/validate). */
  proxyValidation: 'proxy-validation',
  /**
   * Dead letters of proxy-validation: a run whose every attempt failed, or whose workers were lost
   * (heartbeat), is marked FAILED from here so it never blocks its organization as RUNNING.
   */
  proxyValidationFailed: 'proxy-validation-failed',
  /** Check every proxy that is due, across organizations (PROXY_HEALTH_INTERVAL_MS). */
  proxyHealth: 'proxy-health',
} as const;

export const sessionStartJobSchema = z.object({
  sessionId: idSchema,
  organizationId: idSchema,
  /** 0 for a start asked by a user; n for the n-th automatic restart after a crash. */
  attempt: z.number().int().min(0),
  reason: z.enum(['start', 'restart', 'crash', 'failover']),
});
export type SessionStartJob = z.infer<typeof sessionStartJobSchema>;

/** A validation run to check: the proxies were fixed when it was asked for (proxy_validation_proxies). */
export const proxyValidationJobSchema = z.object({
  validationId: idSchema,
  organizationId: idSchema,
});
export type ProxyValidationJob = z.infer<typeof proxyValidationJobSchema>;

/** A periodic health pass; `slot` only tells passes apart (its start, ISO). */
export const proxyHealthJobSchema = z.object({
  slot: z.string(),
});
export type ProxyHealthJob = z.infer<typeof proxyHealthJobSchema>;
