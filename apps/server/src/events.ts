import {
  type InstanceStatus,
  instanceRooms,
  type ServerEvent,
  type ServerEventName,
  type ServerToClientEvents,
  statusEventNames,
  toStatusEvent,
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

/** `instance.status` for every transition, plus `instance.started|stopped|error` where one applies. */
export function publishInstanceStatus(
  events: EventPublisher,
  row: InstanceRow,
  previousStatus: InstanceStatus | null,
  reason: string | null,
): void {
  const payload = toStatusEvent(row, previousStatus, reason);
  const to = instanceRooms(row);
  for (const name of statusEventNames(row.status)) events.publish(to, name, payload);
}
