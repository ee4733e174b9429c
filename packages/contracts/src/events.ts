import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.ts';
import {
  type InstanceStatus,
  instanceLogSchema,
  instanceMetricSchema,
  instanceSchema,
  instanceStatusSchema,
} from './instances.ts';

/** Socket.IO rooms. Clients join them through the `subscribe` / `watch` messages below. */
export const rooms = {
  organization: (organizationId: string) => `org:${organizationId}`,
  instance: (instanceId: string) => `instance:${instanceId}`,
  /** Screencast frames: only clients that watch the live view. */
  frames: (instanceId: string) => `frames:${instanceId}`,
};

const statusEventSchema = z.object({
  instanceId: idSchema,
  organizationId: idSchema,
  status: instanceStatusSchema,
  previousStatus: instanceStatusSchema.nullable(),
  /** Why the transition happened: an error message, "stopped by user", … */
  reason: z.string().nullable(),
  workerId: idSchema.nullable(),
  at: isoDateSchema,
});
export type InstanceStatusEvent = z.infer<typeof statusEventSchema>;

/** The status event for an instance row that has just made a transition. */
export function toStatusEvent(
  instance: {
    id: string;
    organizationId: string;
    status: InstanceStatus;
    workerId: string | null;
    updatedAt: Date;
  },
  previousStatus: InstanceStatus | null,
  reason: string | null,
): InstanceStatusEvent {
  return {
    instanceId: instance.id,
    organizationId: instance.organizationId,
    status: instance.status,
    previousStatus,
    reason,
    workerId: instance.workerId,
    at: instance.updatedAt.toISOString(),
  };
}

/** The rooms that hear about one instance: its organization's and its own. */
export function instanceRooms(instance: { id: string; organizationId: string }): string[] {
  return [rooms.organization(instance.organizationId), rooms.instance(instance.id)];
}

/** What one transition emits: `instance.status` always, plus started / stopped / error where one applies. */
export function statusEventNames(
  status: InstanceStatus,
): ('instance.status' | 'instance.started' | 'instance.stopped' | 'instance.error')[] {
  if (status === 'RUNNING') return ['instance.status', 'instance.started'];
  if (status === 'STOPPED') return ['instance.status', 'instance.stopped'];
  if (status === 'ERROR') return ['instance.status', 'instance.error'];
  return ['instance.status'];
}

/** Server → client events, by name. Every status transition emits `instance.status`, plus the named ones. */
export const serverEventSchemas = {
  'instance.created': z.object({ instance: instanceSchema }),
  'instance.updated': z.object({ instance: instanceSchema }),
  'instance.deleted': z.object({ instanceId: idSchema, organizationId: idSchema }),
  'instance.status': statusEventSchema,
  'instance.started': statusEventSchema,
  'instance.stopped': statusEventSchema,
  'instance.error': statusEventSchema,
  'instance.metrics': instanceMetricSchema.extend({ organizationId: idSchema }),
  'instance.log': instanceLogSchema.extend({ organizationId: idSchema }),
  'instance.url_changed': z.object({
    instanceId: idSchema,
    organizationId: idSchema,
    url: z.string(),
    at: isoDateSchema,
  }),
  'instance.frame': z.object({
    instanceId: idSchema,
    /** Base64 JPEG. */
    data: z.string(),
    width: z.number(),
    height: z.number(),
    at: isoDateSchema,
  }),
} as const;
export type ServerEventName = keyof typeof serverEventSchemas;
export type ServerEvent<N extends ServerEventName> = z.infer<(typeof serverEventSchemas)[N]>;
export type ServerToClientEvents = { [N in ServerEventName]: (payload: ServerEvent<N>) => void };

/** Client → server messages. `subscribe` to an organization or one instance; `watch` for live frames. */
export const subscribeMessageSchema = z.union([
  z.object({ organization: z.literal(true) }),
  z.object({ instanceId: idSchema }),
]);
export const watchMessageSchema = z.object({ instanceId: idSchema });
export type SubscribeMessage = z.infer<typeof subscribeMessageSchema>;

export type AckResponse = { ok: true } | { ok: false; code: string; message: string };
export interface ClientToServerEvents {
  subscribe: (message: SubscribeMessage, ack?: (response: AckResponse) => void) => void;
  unsubscribe: (message: SubscribeMessage, ack?: (response: AckResponse) => void) => void;
  watch: (message: { instanceId: string }, ack?: (response: AckResponse) => void) => void;
  unwatch: (message: { instanceId: string }, ack?: (response: AckResponse) => void) => void;
}
