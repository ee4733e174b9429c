import {
  type ServerEvent,
  type ServerEventName,
  type ServerToClientEvents,
  type SessionStatus,
  toStatusEvent,
} from '@fleetwright/contracts';
import type { SessionRow } from '@fleetwright/db';
import { type EventSink, offerPackets, sessionStatusPackets } from '@fleetwright/events';
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

/** Publishes through `events` and offers each event to `sink` (the webhook outbox) as it leaves. */
export function withEventSink(events: EventPublisher, sink: EventSink): EventPublisher {
  return {
    publish(to, name, payload) {
      events.publish(to, name, payload);
      offerPackets(sink, [{ name, to, payload }]);
    },
  };
}

/** `session.status` for every transition, plus `session.started|stopped|error` where one applies. */
export function publishSessionStatus(
  events: EventPublisher,
  row: SessionRow,
  previousStatus: SessionStatus | null,
  reason: string | null,
): void {
  for (const packet of sessionStatusPackets(toStatusEvent(row, previousStatus, reason)))
    events.publish(packet.to, packet.name, packet.payload);
}
