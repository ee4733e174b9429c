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
  /** Run one execution of a job (issue 11): claimed by a worker, retried by pg-boss with the job's backoff. */
  jobExecution: 'job-execution',
  /** Deliver one webhook delivery (a row of webhook_deliveries) to its endpoint, retried with backoff. */
  webhookDelivery: 'webhook-delivery',
  /** Tell one notification channel how an execution ended. */
  notification: 'notification',
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

/** An execution to run; its job's settings were copied onto the execution when it was created. */
export const jobExecutionJobSchema = z.object({
  executionId: idSchema,
  organizationId: idSchema,
});
export type JobExecutionJob = z.infer<typeof jobExecutionJobSchema>;

export const webhookDeliveryJobSchema = z.object({
  deliveryId: idSchema,
  organizationId: idSchema,
});
export type WebhookDeliveryJob = z.infer<typeof webhookDeliveryJobSchema>;

/** How an execution ended, for one channel of its job (jobs.ts `notifications`). */
export const notificationJobSchema = z.object({
  organizationId: idSchema,
  channelId: idSchema,
  jobId: idSchema,
  executionId: idSchema,
  outcome: z.enum(['failure', 'success', 'recovery']),
});
export type NotificationJob = z.infer<typeof notificationJobSchema>;
