import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';
import { executionSchema } from './executions.ts';
import { proxySchema, proxyStatusSchema, proxyValidationSchema } from './proxies.ts';
import {
  type SessionStatus,
  sessionLogSchema,
  sessionMetricSchema,
  sessionSchema,
  sessionStatusSchema,
} from './sessions.ts';

/** Socket.IO rooms. Clients join them through the `subscribe` / `watch` messages below. */
export const rooms = {
  organization: (organizationId: string) => `org:${organizationId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  /** Screencast frames: only clients that watch the live view. */
  frames: (sessionId: string) => `frames:${sessionId}`,
};

const statusEventSchema = z.object({
  sessionId: idSchema,
  organizationId: idSchema,
  status: sessionStatusSchema,
  previousStatus: sessionStatusSchema.nullable(),
  /** Why the transition happened: an error message, "stopped by user", … */
  reason: z.string().nullable(),
  workerId: idSchema.nullable(),
  at: isoDateSchema,
});
export type SessionStatusEvent = z.infer<typeof statusEventSchema>;

/** The status event for a session row that has just made a transition. */
export function toStatusEvent(
  session: {
    id: string;
    organizationId: string;
    status: SessionStatus;
    workerId: string | null;
    updatedAt: Date;
  },
  previousStatus: SessionStatus | null,
  reason: string | null,
): SessionStatusEvent {
  return {
    sessionId: session.id,
    organizationId: session.organizationId,
    status: session.status,
    previousStatus,
    reason,
    workerId: session.workerId,
    at: session.updatedAt.toISOString(),
  };
}

/** The rooms that hear about one session: its organization's and its own. */
export function sessionRooms(session: { id: string; organizationId: string }): string[] {
  return [rooms.organization(session.organizationId), rooms.session(session.id)];
}

/** What one transition emits: `session.status` always, plus started / stopped / error where one applies. */
export function statusEventNames(
  status: SessionStatus,
): ('session.status' | 'session.started' | 'session.stopped' | 'session.error')[] {
  if (status === 'RUNNING') return ['session.status', 'session.started'];
  if (status === 'STOPPED') return ['session.status', 'session.stopped'];
  if (status === 'ERROR') return ['session.status', 'session.error'];
  return ['session.status'];
}

/** `job.*`: the execution as it is now. */
const executionEventSchema = z.object({
  organizationId: idSchema,
  jobId: idSchema,
  execution: executionSchema,
});
export type ExecutionEvent = z.infer<typeof executionEventSchema>;

const systemAlertSchema = z.object({
  organizationId: idSchema,
  /** A code of the alert's kind: `WEBHOOK_DISABLED`, … */
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  at: isoDateSchema,
});
export type SystemAlert = z.infer<typeof systemAlertSchema>;

/** Server → client events, by name. Every status transition emits `session.status`, plus the named ones. */
export const serverEventSchemas = {
  'session.created': z.object({ session: sessionSchema }),
  'session.updated': z.object({ session: sessionSchema }),
  'session.deleted': z.object({ sessionId: idSchema, organizationId: idSchema }),
  'session.status': statusEventSchema,
  'session.started': statusEventSchema,
  'session.stopped': statusEventSchema,
  'session.error': statusEventSchema,
  'session.metrics': sessionMetricSchema.extend({ organizationId: idSchema }),
  'session.log': sessionLogSchema.extend({ organizationId: idSchema }),
  'session.url_changed': z.object({
    sessionId: idSchema,
    organizationId: idSchema,
    url: z.string(),
    at: isoDateSchema,
  }),
  'session.frame': z.object({
    sessionId: idSchema,
    /** Base64 JPEG. */
    data: z.string(),
    width: z.number(),
    height: z.number(),
    at: isoDateSchema,
  }),
  /** One proxy of a validation run was checked: the proxy as it is now, and the run's progress. */
  'proxy.validated': z.object({
    organizationId: idSchema,
    proxy: proxySchema,
    validation: proxyValidationSchema,
  }),
  /** A periodic health check of one proxy. */
  'proxy.health_check': z.object({
    organizationId: idSchema,
    proxyId: idSchema,
    ok: z.boolean(),
    latencyMs: z.number().int().nullable(),
    status: proxyStatusSchema,
    previousStatus: proxyStatusSchema,
    at: isoDateSchema,
  }),
  /** An execution of a job started, advanced (a session finished), or ended: passed, failed or cancelled. */
  'job.started': executionEventSchema,
  'job.progress': executionEventSchema,
  'job.completed': executionEventSchema,
  'job.failed': executionEventSchema,
  'job.cancelled': executionEventSchema,
  /** Something an administrator should know: a webhook disabled after failing, … */
  'system.alert': systemAlertSchema,
} as const;
export type ServerEventName = keyof typeof serverEventSchemas;

/**
 * The events an organization's webhooks may subscribe to (issue 11). Not frames and metrics: they
 * come many times a second and second by second, which is for the live view, not for HTTP.
 */
export const webhookEventNames = [
  'session.created',
  'session.started',
  'session.stopped',
  'session.error',
  'session.url_changed',
  'proxy.validated',
  'proxy.health_check',
  'job.started',
  'job.progress',
  'job.completed',
  'job.failed',
  'job.cancelled',
  'system.alert',
] as const satisfies readonly ServerEventName[];
export type WebhookEventName = (typeof webhookEventNames)[number];
export type ServerEvent<N extends ServerEventName> = z.infer<(typeof serverEventSchemas)[N]>;
export type ServerToClientEvents = { [N in ServerEventName]: (payload: ServerEvent<N>) => void };

/** Client → server messages. `subscribe` to an organization or one session; `watch` for live frames. */
export const subscribeMessageSchema = z.union([
  z.object({ organization: z.literal(true) }),
  z.object({ sessionId: idSchema }),
]);
export const watchMessageSchema = z.object({ sessionId: idSchema });
export type SubscribeMessage = z.infer<typeof subscribeMessageSchema>;

export type AckResponse = { ok: true } | { ok: false; code: string; message: string };
export interface ClientToServerEvents {
  subscribe: (message: SubscribeMessage, ack?: (response: AckResponse) => void) => void;
  unsubscribe: (message: SubscribeMessage, ack?: (response: AckResponse) => void) => void;
  watch: (message: { sessionId: string }, ack?: (response: AckResponse) => void) => void;
  unwatch: (message: { sessionId: string }, ack?: (response: AckResponse) => void) => void;
}
