import {
  type InstanceStatus,
  rooms,
  type ServerEvent,
  type ServerEventName,
  type ServerToClientEvents,
} from '@fleetwright/contracts';
import type { InstanceRow } from '@fleetwright/db';
import type { Server } from 'socket.io';

/**
 * Where the server's own events go. In a running server it is Socket.IO (through the Postgres
 * adapter, so clients on every replica get them); `buildApp` alone defaults to no-op.
 */
export interface EventPublisher {
  publish<N extends ServerEventName>(to: string[], name: N, payload: ServerEvent<N>): void;
}

export const noopPublisher: EventPublisher = { publish: () => {} };

export function createSocketPublisher(io: Server<never, ServerToClientEvents>): EventPublisher {
  return {
    publish(to, name, payload) {
      // The generic name cannot be matched to its listener type by the compiler; the signature above checks it.
      (io.to(to).emit as (event: string, payload: unknown) => boolean)(name, payload);
    },
  };
}

/** The rooms that hear about one instance: its organization's and its own. */
export function instanceRooms(row: Pick<InstanceRow, 'id' | 'organizationId'>): string[] {
  return [rooms.organization(row.organizationId), rooms.instance(row.id)];
}

const namedStatusEvents: Partial<
  Record<InstanceStatus, 'instance.started' | 'instance.stopped' | 'instance.error'>
> = {
  RUNNING: 'instance.started',
  STOPPED: 'instance.stopped',
  ERROR: 'instance.error',
};

/** `instance.status` for every transition, plus `instance.started|stopped|error` where one applies. */
export function publishInstanceStatus(
  events: EventPublisher,
  row: InstanceRow,
  previousStatus: InstanceStatus | null,
  reason: string | null,
): void {
  const payload: ServerEvent<'instance.status'> = {
    instanceId: row.id,
    organizationId: row.organizationId,
    status: row.status,
    previousStatus,
    reason,
    workerId: row.workerId,
    at: row.updatedAt.toISOString(),
  };
  const to = instanceRooms(row);
  events.publish(to, 'instance.status', payload);
  const named = namedStatusEvents[row.status];
  if (named) events.publish(to, named, payload);
}
